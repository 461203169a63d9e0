import { readFile } from "node:fs/promises";
import { join, posix } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { parseYamlFile } from "../yaml/read-yaml-file.js";
import { RENDERED_DIR, type Cluster, type Provided } from "./cluster.js";
import { newestVersion, SUPPORTED_MINORS, supportedVersionList, unsupportedVersionMessage } from "../validate/schema-sets.js";
import { importedCrdSet, importedCrdSetNames } from "../validate/imported-registry.js";
import { closestName } from "../diagnostics/closest-name.js";
import { kforgeSchema } from "./kforge-schemas.js";
import { schemaDiagnostics } from "./schema-diagnostics.js";
import { findControlCharacters } from "./control-characters.js";

/** Reads and checks clusters/<name>/cluster.yaml. `file` is relative to `root`; `text` is its content when already read. */
export async function loadCluster(root: string, file: string, text?: string, repoPrefix = ""): Promise<{ cluster?: Cluster; diagnostics: Diagnostic[] }> {
  try {
    text ??= await readFile(join(root, file), "utf8");
  } catch {
    return { diagnostics: [{ code: "file-missing", file, line: 0, column: 0, message: "cannot read the cluster file" }] };
  }
  const { yaml, diagnostics } = parseYamlFile(text, file);
  if (!yaml) return { diagnostics };
  const raw = structuredClone(yaml.value);
  const validate = kforgeSchema("cluster");
  if (!validate(raw)) {
    return { diagnostics: schemaDiagnostics(validate.errors ?? [], yaml, [], "cluster-schema", "invalid cluster file") };
  }
  const data = raw as { metadata: { name: string }; spec: any };
  const dir = posix.dirname(file);
  const problems: Diagnostic[] = [];
  const at = (path: (string | number)[], message: string, hint?: string) => {
    const span = yaml.locate(path);
    problems.push({ code: "cluster-schema", file, line: span.line, column: span.column, message, hint });
  };
  const isValues = (path: (string | number)[]) => path.length === 4 && path[0] === "spec" && path[1] === "releases" && path[3] === "values";
  for (const found of findControlCharacters(data, isValues)) {
    const span = yaml.locate(found.path);
    problems.push({ code: "control-character", file, line: span.line, column: span.column, message: `${found.path.join(".")} holds a control character (${found.character}): names and paths must be one line of printable text`, hint: "names and paths end up in file names and generated files; remove the character (or rename the file it names)" });
  }
  const engine = data.spec.gitops.engine as string;
  for (const other of ["argocd", "flux"]) {
    if (other !== engine && data.spec.gitops[other] !== undefined) {
      at(["spec", "gitops", other], `gitops.${other} holds settings for ${other === "argocd" ? "Argo CD" : "Flux"}, but this cluster's engine is ${engine}`, `move the settings to gitops.${engine}, or set engine: ${other}`);
    }
  }
  const folder = posix.basename(dir);
  if (data.metadata.name !== folder) {
    at(["metadata", "name"], `cluster name "${data.metadata.name}" does not match its folder "${folder}"`, `rename the folder or set metadata.name: ${folder}`);
  }
  if (!supportedVersionList().includes(data.spec.kubernetesVersion)) {
    at(["spec", "kubernetesVersion"], unsupportedVersionMessage(String(data.spec.kubernetesVersion)), `set kubernetesVersion to the release the cluster runs, "1.${SUPPORTED_MINORS.min}" to "${newestVersion()}" or an imported one`);
  }
  const crdSets: string[] = data.spec.schemas?.crds ?? [];
  crdSets.forEach((name, index) => {
    if (importedCrdSet(name)) return;
    const available = importedCrdSetNames();
    const guess = closestName(name, available);
    const listed = available.length > 0 ? `the imported sets are ${available.join(", ")}${guess ? ` (did you mean ${guess}?)` : ""}` : "the repository has no imported CRD set (schemas/imported/crds/ is empty)";
    at(["spec", "schemas", "crds", index], `CRD set "${name}" is not imported: ${listed}`, `import it with \`kforge schemas import --crds ${name} <files or folders>\` (or --from-cluster), or remove it`);
  });
  const range = parseRange(data.spec.nodePortRange);
  if (!range) at(["spec", "nodePortRange"], `nodePortRange "${data.spec.nodePortRange}" is not a range like 30000-32767 within 1-65535`);
  const seen = new Map<string, number>();
  data.spec.releases.forEach((release: { name: string }, index: number) => {
    const first = seen.get(release.name);
    if (first !== undefined) at(["spec", "releases", index, "name"], `release "${release.name}" is defined twice (first at releases[${first}])`, "release names must be unique in a cluster");
    else seen.set(release.name, index);
  });
  if (problems.length > 0 || !range) return { diagnostics: problems };
  const provided: Provided = { storageClasses: [], namespaces: [], secrets: [], configMaps: [], serviceAccounts: [], persistentVolumeClaims: [], ...data.spec.provided };
  return {
    diagnostics: [],
    cluster: {
      name: data.metadata.name,
      dir,
      file,
      yaml,
      text,
      kubernetesVersion: data.spec.kubernetesVersion,
      gitops: { ...data.spec.gitops, renderedPath: posix.join(repoPrefix, dir, RENDERED_DIR) },
      nodePortRange: range,
      provided,
      imageRewrite: data.spec.imageRegistry?.rewrite ?? {},
      releases: data.spec.releases,
      crdSets,
    },
  };
}

function parseRange(text: string): { min: number; max: number } | undefined {
  const [min, max] = text.split("-").map(Number);
  return min >= 1 && max <= 65535 && min <= max ? { min, max } : undefined;
}
