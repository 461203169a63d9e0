import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { ValidateFunction } from "ajv";
import standaloneCodeModule from "ajv/dist/standalone/index.js";
import { createManifestAjv } from "./schema-ajv.js";
import { loadBundle, SCHEMA_FOLDER } from "./schema-bundle.js";

// ajv's standalone entry is CommonJS; under NodeNext its function may sit one level down.
const standaloneCode = ((standaloneCodeModule as unknown as { default?: unknown }).default ?? standaloneCodeModule) as (ajv: ReturnType<typeof createManifestAjv>, refs: Record<string, string>) => string;

/** Where `npm run build` writes the precompiled validators of each shipped bundle. */
const PRECOMPILED_FOLDER = new URL("../validators/", import.meta.url);
const require = createRequire(import.meta.url);

/** The file a bundle's precompiled validators are written to, relative to dist/validators/. */
export function precompiledFileName(bundleFile: string): string {
  return `${bundleFile.replace(/\.json\.gz$/, "")}.cjs`;
}

/** Identifies a shipped bundle file's content, so validators built from another version of it are never used. */
export function bundleHash(bundleFile: string): string {
  return createHash("sha256").update(readFileSync(new URL(bundleFile, SCHEMA_FOLDER))).digest("hex");
}

/**
 * JavaScript source (CommonJS) of validators for every kind of `bundle`, compiled once at build
 * time with the same ajv options as at run time, so a check loads them instead of compiling
 * each kind on every run. Exports one function per definition name, and `bundleHash`.
 */
export function standaloneValidatorsSource(bundleFile: string): string {
  const bundle = loadBundle(bundleFile);
  const ajv = createManifestAjv();
  (ajv.opts.code as { source?: boolean }).source = true;
  ajv.addSchema({ $id: "bundle", definitions: bundle.definitions });
  const refs: Record<string, string> = {};
  for (const name of new Set(Object.values(bundle.kinds).flatMap((kinds) => Object.values(kinds)))) refs[name] = `bundle#/definitions/${name}`;
  return `${standaloneCode(ajv, refs)}\nexports.bundleHash = ${JSON.stringify(bundleHash(bundleFile))};\n`;
}

/**
 * The validators `npm run build` precompiled for `bundleFile`, or undefined when there are none
 * (running from the TypeScript sources) or they were built from another version of the bundle:
 * the caller then compiles each kind when first needed.
 */
export function loadPrecompiledValidators(bundleFile: string, folder: URL = PRECOMPILED_FOLDER): Record<string, ValidateFunction> | undefined {
  const url = new URL(precompiledFileName(bundleFile), folder);
  if (!existsSync(url)) return undefined;
  const loaded = require(fileURLToPath(url)) as Record<string, ValidateFunction> & { bundleHash?: string };
  return loaded.bundleHash === bundleHash(bundleFile) ? loaded : undefined;
}
