import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { isClusterScoped } from "../lint/kube/scope.js";
import type { Blueprint } from "../repo/blueprint.js";
import { RENDERED_DIR, type Cluster } from "../repo/cluster.js";
import { emitManifest } from "../render/emit-yaml.js";
import type { RenderedDocument } from "../render/render-release.js";
import { RenderedResource } from "../render/rendered-resource.js";
import { fileHeader, headerLineCount } from "./file-header.js";
import { kustomizationFile } from "./kustomization.js";
import { outputPath } from "./output-path.js";
import { resourceFileName } from "./resource-file-name.js";
import { namespaceNameProblem, objectNameProblem, quoteName } from "../resources/kube-names.js";

export interface ReleaseOutput {
  index: number;
  blueprint: Blueprint;
  documents: RenderedDocument[];
  valuesFiles: string[];
}

/** Namespaces that exist in every cluster. */
const BUILT_IN_NAMESPACES = new Set(["default", "kube-system", "kube-public", "kube-node-lease"]);
const NAMESPACES_DIR = "namespaces";

/** Lays a cluster's rendered documents out as a kustomize tree: file path -> content, plus the resources. */
export function planClusterTree(cluster: Cluster, releases: ReleaseOutput[]): { files: Map<string, string>; resources: RenderedResource[]; diagnostics: Diagnostic[] } {
  const path = (...segments: string[]) => outputPath(cluster.dir, RENDERED_DIR, ...segments);
  const files = new Map<string, string>();
  const resources: RenderedResource[] = [];
  const diagnostics: Diagnostic[] = [];
  const sorted = [...releases].sort((a, b) => compare(cluster.releases[a.index].name, cluster.releases[b.index].name));
  const declaredNamespaces = new Set<string>();
  for (const output of sorted) {
    const release = cluster.releases[output.index];
    const header = fileHeader(`from blueprint ${output.blueprint.name} ${output.blueprint.version}${output.blueprint.origin === "library" ? " (kforge library)" : ""}, release ${release.name}, values ${output.valuesFiles.join(" + ")}`);
    const names: string[] = [];
    for (const doc of output.documents) {
      const kind = String(doc.object.kind);
      const name = String(doc.object.metadata?.name);
      const problem = nameProblem(doc);
      if (problem) {
        diagnostics.push(problem);
        continue;
      }
      if (kind === "Namespace") declaredNamespaces.add(name);
      const fileName = resourceFileName(kind, name)!;
      const file = path(release.name, fileName);
      if (files.has(file)) {
        diagnostics.push({ code: "duplicate-output", file: doc.templateFile, line: 1, column: 1, message: `release "${release.name}" renders ${kind} ${quoteName(name)} twice (${file})`, hint: "give each resource a distinct name (file names are lower case, so names that differ only in case collide)" });
        continue;
      }
      const body = doc.body ?? emitManifest(doc.object as Record<string, unknown>);
      files.set(file, header + body);
      names.push(fileName);
      resources.push(new RenderedResource(doc.object, file, release.name, doc.templateFile, doc.origins, body, headerLineCount(header)));
    }
    files.set(path(release.name, "kustomization.yaml"), kustomizationFile(`for release ${release.name} (blueprint ${output.blueprint.name} ${output.blueprint.version})`, names.sort(compare)));
  }
  const namespaces = namespacesToCreate(cluster, resources, declaredNamespaces);
  const top = sorted.map((r) => cluster.releases[r.index].name);
  if (namespaces.length > 0) {
    const header = fileHeader(`for cluster ${cluster.name}: a namespace its releases use`);
    for (const ns of namespaces) {
      const file = path(NAMESPACES_DIR, resourceFileName("Namespace", ns)!);
      const object = { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } };
      const body = emitManifest(object);
      files.set(file, header + body);
      resources.push(new RenderedResource(object, file, "", cluster.file, undefined, body, headerLineCount(header)));
    }
    files.set(path(NAMESPACES_DIR, "kustomization.yaml"), kustomizationFile(`for cluster ${cluster.name}: namespaces its releases use`, namespaces.map((ns) => resourceFileName("Namespace", ns)!)));
    top.unshift(NAMESPACES_DIR);
  }
  files.set(path("kustomization.yaml"), kustomizationFile(`for cluster ${cluster.name} (Kubernetes ${cluster.kubernetesVersion})`, top));
  return { files, resources, diagnostics };
}

/**
 * A rendered object's kind, name and namespace become a file path: each must be one the API
 * server accepts, or the object is refused where its value came from (a values line, or the
 * template line that wrote it).
 */
function nameProblem(doc: RenderedDocument): Diagnostic | undefined {
  const { kind, metadata } = doc.object as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  const at = (field: string[], message: string): Diagnostic => {
    const origin = doc.origins.of(field);
    return { code: "invalid-name", file: origin?.file ?? doc.templateFile, line: origin?.line ?? 1, column: origin?.column ?? 1, message, hint: `the API server would refuse it too; fix the value (rendered by ${doc.templateFile})` };
  };
  if (typeof kind !== "string" || !/^[A-Za-z][A-Za-z0-9]*$/.test(kind)) return at(["kind"], `kind ${quoteName(String(kind))} is not a Kubernetes kind (letters and digits, starting with a letter)`);
  const name = metadata?.name;
  if (typeof name !== "string") return at(["metadata", "name"], `${kind} has no metadata.name string`);
  const nameIssue = objectNameProblem(name);
  if (nameIssue) return at(["metadata", "name"], `${kind} name ${quoteName(name)} ${nameIssue}`);
  const namespace = metadata?.namespace;
  if (namespace === undefined || namespace === null) return undefined;
  if (typeof namespace !== "string") return at(["metadata", "namespace"], `${kind} ${quoteName(name)} has a metadata.namespace that is not a string`);
  const namespaceIssue = namespaceNameProblem(namespace);
  return namespaceIssue ? at(["metadata", "namespace"], `${kind} ${quoteName(name)} has namespace ${quoteName(namespace)}, which ${namespaceIssue}`) : undefined;
}

/** Namespaces releases put objects in, minus built-in, provided and explicitly rendered ones. */
function namespacesToCreate(cluster: Cluster, resources: RenderedResource[], declared: Set<string>): string[] {
  const used = new Set(cluster.releases.map((r) => r.namespace));
  for (const resource of resources) {
    const ns = resource.object.metadata?.namespace;
    if (typeof ns === "string" && !isClusterScoped(String(resource.object.kind))) used.add(ns);
  }
  const provided = new Set(cluster.provided.namespaces);
  return [...used].filter((ns) => !BUILT_IN_NAMESPACES.has(ns) && !provided.has(ns) && !declared.has(ns)).sort(compare);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
