import { readFileSync } from "node:fs";
import type { ValidateFunction } from "ajv";
import { loadPrecompiled, PRECOMPILED_FOLDER, sha256, standaloneSource } from "./precompiled-code.js";
import { createManifestAjv } from "./schema-ajv.js";
import { loadBundle, SCHEMA_FOLDER } from "./schema-bundle.js";

/** The file a bundle's precompiled validators are written to, relative to dist/validators/. */
export function precompiledFileName(bundleFile: string): string {
  return `${bundleFile.replace(/\.json\.gz$/, "")}.cjs`;
}

/** Identifies a shipped bundle file's content, so validators built from another version of it are never used. */
function bundleHash(bundleFile: string): string {
  return sha256(readFileSync(new URL(bundleFile, SCHEMA_FOLDER)));
}

/**
 * JavaScript source (CommonJS) of validators for every kind of a shipped bundle, compiled at
 * build time with the same ajv options as at run time, so a check loads them instead of
 * compiling each kind on every run. Exports one function per definition name.
 */
export function standaloneValidatorsSource(bundleFile: string): string {
  const bundle = loadBundle(bundleFile);
  const ajv = createManifestAjv({ linear: false });
  (ajv.opts.code as { source?: boolean }).source = true;
  ajv.addSchema({ $id: "bundle", definitions: bundle.definitions });
  const refs: Record<string, string> = {};
  for (const name of new Set(Object.values(bundle.kinds).flatMap((kinds) => Object.values(kinds)))) refs[name] = `bundle#/definitions/${name}`;
  return standaloneSource(ajv, refs, bundleHash(bundleFile));
}

/** The validators `npm run build` precompiled for `bundleFile`, if built from this very bundle file. */
export function loadPrecompiledValidators(bundleFile: string, folder: URL = PRECOMPILED_FOLDER): Record<string, ValidateFunction> | undefined {
  return loadPrecompiled(precompiledFileName(bundleFile), bundleHash(bundleFile), folder);
}
