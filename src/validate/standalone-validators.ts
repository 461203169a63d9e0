import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname } from "node:path";
import { Script } from "node:vm";
import { fileURLToPath } from "node:url";
import type { ValidateFunction } from "ajv";
import standaloneCodeModule from "ajv/dist/standalone/index.js";
import { createManifestAjv } from "./schema-ajv.js";
import { loadBundle, SCHEMA_FOLDER } from "./schema-bundle.js";

// ajv's standalone entry is CommonJS; under NodeNext its function may sit one level down.
const standaloneCode = ((standaloneCodeModule as unknown as { default?: unknown }).default ?? standaloneCodeModule) as (ajv: ReturnType<typeof createManifestAjv>, refs: Record<string, string>) => string;

/** Where `npm run build` writes the precompiled validators of each shipped bundle. */
const PRECOMPILED_FOLDER = new URL("../validators/", import.meta.url);

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
  const file = fileURLToPath(new URL(precompiledFileName(bundleFile), folder));
  if (!existsSync(file)) return undefined;
  const loaded = runModule(file) as Record<string, ValidateFunction> & { bundleHash?: string };
  return loaded.bundleHash === bundleHash(bundleFile) ? loaded : undefined;
}

/**
 * Runs a CommonJS file as `require` would, with V8's code cache for it when there is one (written
 * next to it by the build): a bundle's validators are megabytes of code, and the cache saves most
 * of parsing them. A cache from another V8 is rejected by V8 and the code is parsed as usual.
 */
function runModule(file: string): unknown {
  const cache = codeCacheFile(file);
  const script = new Script(Module.wrap(readFileSync(file, "utf8")), { filename: file, cachedData: existsSync(cache) ? readFileSync(cache) : undefined });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}

function codeCacheFile(file: string): string {
  return file.replace(/\.cjs$/, ".v8-cache");
}

/** Writes the code cache of a precompiled validators file (build step; V8 must be the one that will run it). */
export function writeCodeCache(file: string): void {
  const script = new Script(Module.wrap(readFileSync(file, "utf8")), { filename: file });
  writeFileSync(codeCacheFile(file), script.createCachedData());
}
