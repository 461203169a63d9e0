import { readFileSync } from "node:fs";
import type { ValidateFunction } from "ajv";
import { loadPrecompiled, PRECOMPILED_FOLDER, sha256, standaloneSource } from "./precompiled-code.js";
import { createManifestAjv } from "./schema-ajv.js";
import { GITOPS_CRDS_FILE, KUBERNETES_FILE, loadGitopsBundle, loadKubernetesBundle, SCHEMA_FOLDER } from "./schema-bundle.js";

/**
 * What a precompiled file holds: the GitOps kinds, or the Kubernetes kind definitions that first
 * took their shape in one release (`apps.v1.Deployment@1.30` is in the file of 1.30). A kind
 * unchanged since 1.25 is compiled once, in 1.25's file, for every release that serves it; a run
 * loads only the files of the kinds it meets.
 */
export type PrecompiledSet = { firstIn: string } | "gitops";

/** The file a set's precompiled validators are written to, relative to dist/validators/. */
export function precompiledFileName(set: PrecompiledSet): string {
  return set === "gitops" ? "gitops-crds.cjs" : `kubernetes-${set.firstIn}.cjs`;
}

/** The release whose precompiled file holds a Kubernetes definition key ("core.v1.Pod@1.30" -> "1.30"). */
export function firstReleaseOf(key: string): string {
  return key.slice(key.lastIndexOf("@") + 1);
}

/** Every Kubernetes kind definition key, by the release whose file holds it. */
export function kindKeysByFirstRelease(): Map<string, string[]> {
  const keys = new Set<string>();
  for (const { kinds } of Object.values(loadKubernetesBundle().releases)) for (const byKind of Object.values(kinds)) for (const key of Object.values(byKind)) keys.add(key);
  const byRelease = new Map<string, string[]>();
  for (const key of [...keys].sort()) {
    const release = firstReleaseOf(key);
    byRelease.set(release, [...(byRelease.get(release) ?? []), key]);
  }
  return byRelease;
}

/** Identifies a shipped schema file's content, so validators built from another version of it are never used. */
function sourceHash(set: PrecompiledSet): string {
  return sha256(readFileSync(new URL(set === "gitops" ? GITOPS_CRDS_FILE : KUBERNETES_FILE, SCHEMA_FOLDER)));
}

/**
 * JavaScript source (CommonJS) of validators for every kind of a set, compiled at build time with
 * the same ajv options as at run time, so a check loads them instead of compiling each kind on
 * every run. Exports one function per definition key.
 */
export function standaloneValidatorsSource(set: PrecompiledSet): string {
  const definitions = set === "gitops" ? loadGitopsBundle().definitions : loadKubernetesBundle().definitions;
  const keys = set === "gitops" ? Object.values(loadGitopsBundle().kinds).flatMap((byKind) => Object.values(byKind)) : (kindKeysByFirstRelease().get(set.firstIn) ?? []);
  const ajv = createManifestAjv({ linear: false });
  (ajv.opts.code as { source?: boolean }).source = true;
  ajv.addSchema({ $id: "bundle", definitions });
  const refs: Record<string, string> = {};
  for (const key of new Set(keys)) refs[key] = `bundle#/definitions/${key}`;
  return standaloneSource(ajv, refs, sourceHash(set));
}

const loaded = new Map<string, Record<string, ValidateFunction> | undefined>();

/** The validators `npm run build` precompiled for `set`, if built from the very schema file shipped; read once per process. */
export function loadPrecompiledValidators(set: PrecompiledSet, folder: URL = PRECOMPILED_FOLDER): Record<string, ValidateFunction> | undefined {
  const id = `${folder.href}|${precompiledFileName(set)}`;
  if (!loaded.has(id)) loaded.set(id, loadPrecompiled(precompiledFileName(set), sourceHash(set), folder));
  return loaded.get(id);
}
