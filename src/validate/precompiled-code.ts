import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";
import type { Ajv, ValidateFunction } from "ajv";
import standaloneCodeModule from "ajv/dist/standalone/index.js";
import * as equal from "ajv/dist/runtime/equal.js";
import * as parseJson from "ajv/dist/runtime/parseJson.js";
import * as quote from "ajv/dist/runtime/quote.js";
import * as timestamp from "ajv/dist/runtime/timestamp.js";
import * as ucs2length from "ajv/dist/runtime/ucs2length.js";
import * as uri from "ajv/dist/runtime/uri.js";
import * as validationError from "ajv/dist/runtime/validation_error.js";
import * as ajvFormats from "ajv-formats/dist/formats.js";
import { packageUrl } from "../package-root.js";
import { linearRegExp } from "./linear-regexp.js";

// ajv's standalone entry is CommonJS; under NodeNext its function may sit one level down.
const standaloneCode = ((standaloneCodeModule as unknown as { default?: unknown }).default ?? standaloneCodeModule) as (ajv: Ajv, refs: Record<string, string>) => string;

/** Where `npm run build` writes precompiled validators (dist/validators/). */
export const PRECOMPILED_FOLDER = packageUrl("dist/validators/");

export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * JavaScript source (CommonJS) of the validators `refs` names (export name -> schema ref in
 * `ajv`), compiled at build time, plus `sourceHash`: the hash of what they were built from.
 */
export function standaloneSource(ajv: Ajv, refs: Record<string, string>, sourceHash: string): string {
  return `${standaloneCode(ajv, refs)}\nexports.sourceHash = ${JSON.stringify(sourceHash)};\n`;
}

/** JavaScript source (CommonJS) of one validator compiled by `ajv` with `code.source` on; it exports it as `default`. */
export function standaloneSourceOf(ajv: Ajv, validate: ValidateFunction): string {
  return (standaloneCode as unknown as (ajv: Ajv, validate: ValidateFunction) => string)(ajv, validate);
}

/**
 * The validators precompiled into `fileName` (in dist/validators/, or `folder`), or undefined when
 * there are none (running from the TypeScript sources) or they were built from something other
 * than what `sourceHash` identifies: the caller then compiles at run time.
 */
export function loadPrecompiled(fileName: string, sourceHash: string, folder: URL = PRECOMPILED_FOLDER): Record<string, ValidateFunction> | undefined {
  const file = fileURLToPath(new URL(fileName, folder));
  if (!existsSync(file)) return undefined;
  const loaded = runModule(file) as Record<string, ValidateFunction> & { sourceHash?: string };
  return loaded.sourceHash === sourceHash ? loaded : undefined;
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
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, runtimeRequire(file), module, file, dirname(file));
  return module.exports;
}

/**
 * Validator code `require`s ajv's runtime helpers; they are handed over from kforge's own
 * imports, so precompiled validators also run from the bundled CLI, where no ajv is installed.
 */
export const RUNTIME_MODULES: Record<string, unknown> = {
  "ajv/dist/runtime/equal": exportsOf(equal),
  "ajv/dist/runtime/parseJson": exportsOf(parseJson),
  "ajv/dist/runtime/quote": exportsOf(quote),
  "ajv/dist/runtime/timestamp": exportsOf(timestamp),
  "ajv/dist/runtime/ucs2length": exportsOf(ucs2length),
  "ajv/dist/runtime/uri": exportsOf(uri),
  "ajv/dist/runtime/validation_error": exportsOf(validationError),
  "ajv-formats/dist/formats": "fullFormats" in ajvFormats ? ajvFormats : (ajvFormats as { default: unknown }).default,
};

/**
 * What `require` returns for an ajv runtime module (its `exports`, whose `default` is the helper):
 * Node's ES-module view puts those exports under `default`, esbuild's bundle gives them as they are.
 */
function exportsOf(namespace: object): unknown {
  const inner = (namespace as { default?: unknown }).default;
  return inner !== null && typeof inner === "object" && "default" in inner ? inner : namespace;
}

/**
 * Runs validator code written by ajv's standalone mode for schemas with patterns (CRDs): it
 * calls `linearRegExp`, the RE2 engine the run-time ajv uses, which is handed over here with
 * ajv's runtime modules. Code from a cache folder: the caller must trust the folder.
 */
export function runValidatorCode(source: string, file: string): unknown {
  const wrapped = `(function (exports, require, module, linearRegExp) {${source}\n})`;
  const module = { exports: {} as unknown };
  (new Script(wrapped, { filename: file }).runInThisContext() as (...args: unknown[]) => void)(module.exports, runtimeRequire(file), module, linearRegExp);
  return module.exports;
}

function runtimeRequire(file: string): (id: string) => unknown {
  const fallback = createRequire(file);
  return (id) => (Object.hasOwn(RUNTIME_MODULES, id) ? RUNTIME_MODULES[id] : fallback(id));
}

function codeCacheFile(file: string): string {
  return file.replace(/\.cjs$/, ".v8-cache");
}

/** Writes a precompiled file and its code cache (build step; V8 must be the one that will run it). */
export function writePrecompiled(file: string, source: string): void {
  writeFileSync(file, source);
  writeFileSync(codeCacheFile(file), new Script(Module.wrap(source), { filename: file }).createCachedData());
}
