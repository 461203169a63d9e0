import { readFileSync } from "node:fs";
import type { ValidateFunction } from "ajv";
import { loadPrecompiled, PRECOMPILED_FOLDER, sha256, standaloneSource } from "./precompiled-code.js";
import { createManifestAjv } from "./schema-ajv.js";
import { GITOPS_CRDS_FILE, KUBERNETES_FILE, loadGitopsBundle, loadKubernetesBundle, SCHEMA_FOLDER } from "./schema-bundle.js";

/** What a precompiled file holds: one release's Kubernetes kinds, or the GitOps CRDs. */
export type PrecompiledSet = { release: string } | "gitops";

/** The file a set's precompiled validators are written to, relative to dist/validators/. */
export function precompiledFileName(set: PrecompiledSet): string {
  return set === "gitops" ? "gitops-crds.cjs" : `kubernetes-${set.release}.cjs`;
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
  const { definitions, kinds } = set === "gitops" ? loadGitopsBundle() : { definitions: loadKubernetesBundle().definitions, kinds: loadKubernetesBundle().releases[set.release].kinds };
  const ajv = createManifestAjv({ linear: false });
  (ajv.opts.code as { source?: boolean }).source = true;
  ajv.addSchema({ $id: "bundle", definitions });
  const refs: Record<string, string> = {};
  for (const key of new Set(Object.values(kinds).flatMap((byKind) => Object.values(byKind)))) refs[key] = `bundle#/definitions/${key}`;
  return standaloneSource(ajv, refs, sourceHash(set));
}

/** The validators `npm run build` precompiled for `set`, if built from the very schema file shipped. */
export function loadPrecompiledValidators(set: PrecompiledSet, folder: URL = PRECOMPILED_FOLDER): Record<string, ValidateFunction> | undefined {
  return loadPrecompiled(precompiledFileName(set), sourceHash(set), folder);
}
