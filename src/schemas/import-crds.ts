import { readFile, stat } from "node:fs/promises";
import { basename, isAbsolute, relative, resolve } from "node:path";
import fg from "fast-glob";
import { stringify } from "yaml";
import { parseManifests } from "../resources/parse-manifests.js";
import type { KubeObject } from "../resources/resource.js";
import { ImportError } from "./import-error.js";
import { isRecord } from "./import-openapi.js";
import { runKubectl } from "./kubectl.js";

/** CustomResourceDefinitions read for an import, and where they came from. */
export interface CrdInput {
  crds: KubeObject[];
  source: string;
}

/** Fields the API server maintains: noise in a reviewed file, and nothing a schema needs. */
const SERVER_METADATA = ["managedFields", "resourceVersion", "uid", "generation", "creationTimestamp", "selfLink"];
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

export function isCrd(object: unknown): object is KubeObject {
  return isRecord(object) && object.kind === "CustomResourceDefinition" && String(object.apiVersion).startsWith("apiextensions.k8s.io/");
}

/** The CRDs in YAML files and folders (searched for *.yaml, *.yml); other objects are skipped. */
export async function readCrdFiles(cwd: string, paths: readonly string[]): Promise<CrdInput> {
  const files: string[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) throw new ImportError(`${path}: no such file or folder`);
    if (info.isDirectory()) {
      const found = await fg("**/*.{yaml,yml}", { cwd: absolute, onlyFiles: true, ignore: ["**/node_modules/**"] });
      files.push(...found.sort().map((f) => resolve(absolute, f)));
    } else files.push(absolute);
  }
  const crds: KubeObject[] = [];
  for (const absolute of files) {
    const shown = relative(cwd, absolute).split("\\").join("/");
    const parsed = parseManifests(await readFile(absolute, "utf8"), shown);
    const syntax = parsed.problems.find((p) => p.severity === "error");
    if (syntax) throw new ImportError(`${shown}:${syntax.span.line}:${syntax.span.column}: ${syntax.message}`);
    crds.push(...parsed.resources.map((r) => r.object).filter(isCrd));
  }
  if (crds.length === 0) throw new ImportError(`no CustomResourceDefinition in ${paths.join(", ")}`);
  const shown = paths.map((path) => displayPath(cwd, path)).join(", ");
  return { crds, source: `${files.length === 1 ? "file" : `${files.length} files in`} ${shown}` };
}

/** The CRDs installed in the cluster kubectl reaches (`kubectl get crd -o yaml`). */
export async function readClusterCrds(context?: string): Promise<CrdInput> {
  const text = await runKubectl(["get", "crd", "-o", "yaml"], context);
  const parsed = parseManifests(text, "kubectl get crd -o yaml");
  const syntax = parsed.problems.find((p) => p.severity === "error");
  if (syntax) throw new ImportError(`kubectl get crd -o yaml:${syntax.span.line}:${syntax.span.column}: printed something that is not YAML: ${syntax.message}`);
  const list = parsed.resources.map((r) => r.object);
  const items = list.flatMap((object) => (object.kind === "List" && Array.isArray(object.items) ? (object.items as unknown[]) : [object])).filter(isCrd);
  const where = context ? `context ${context}` : "the current context";
  return { crds: items, source: `the cluster (kubectl get crd, ${where})` };
}

/** One CRD as stored: without status and the fields the server maintains. */
export function storedCrd(crd: KubeObject): KubeObject {
  const { status: _status, ...rest } = structuredClone(crd);
  const metadata = { ...(rest.metadata ?? {}) } as Record<string, unknown>;
  for (const field of SERVER_METADATA) delete metadata[field];
  if (isRecord(metadata.annotations)) {
    const annotations = { ...metadata.annotations };
    delete annotations[LAST_APPLIED];
    if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
    else delete metadata.annotations;
  }
  return { ...rest, metadata };
}

/** The file of a CRD set: a header, then each CRD (by name) as its own YAML document. */
export function crdSetText(name: string, input: CrdInput): string {
  const crds = input.crds.map(storedCrd).sort((a, b) => String(a.metadata?.name).localeCompare(String(b.metadata?.name)));
  const header = `# CRD set "${name}", imported by \`kforge schemas import --crds ${name}\` from ${input.source}.\n# Regenerate it with the same command rather than editing it.\n`;
  return header + crds.map((crd) => `---\n${stringify(crd, { lineWidth: 0, aliasDuplicateObjects: false })}`).join("");
}

/** A path as written in a committed file: relative to `cwd` when under it, else its last part. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, resolve(cwd, path)).split("\\").join("/");
  return rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? basename(path) : rel;
}
