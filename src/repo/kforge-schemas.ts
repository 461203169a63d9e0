import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import addErrorsModule from "ajv-errors";
import addFormatsModule from "ajv-formats";
import { PACKAGE_ROOT } from "../package-root.js";
import { linearRegExp } from "../validate/linear-regexp.js";
import { loadPrecompiled, sha256, standaloneSource } from "../validate/precompiled-code.js";

// ajv-formats and ajv-errors are CommonJS; under NodeNext their default export sits one level down.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
const addErrors = (addErrorsModule as unknown as { default?: typeof addErrorsModule }).default ?? addErrorsModule;

/** Formats, and `errorMessage` (ajv-errors): a schema author's own words for a failed check. */
function addPlugins(ajv: Ajv): void {
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  (addErrors as unknown as (a: Ajv) => void)(ajv);
}

let shared: Ajv | undefined;
const USER_AJV_OPTIONS = { allErrors: true, useDefaults: true, strict: false, verbose: true, addUsedSchema: false } as const;

/**
 * The ajv for kforge's own small files and blueprint values: every error (they are small),
 * defaults applied. One instance per process, so the JSON Schema meta-schema is compiled once;
 * schemas are not registered by $id, so two blueprints may reuse one.
 */
export function userAjv(): Ajv {
  // Blueprint values schemas come from pull requests: their patterns run on RE2 (linear time).
  shared ??= createUserAjv({ source: false });
  return shared;
}

/**
 * A new ajv with the options of userAjv. `source: true` is for the build, which writes the code of
 * kforge's own schemas (trusted, so their patterns use JavaScript's engine).
 */
export function createUserAjv({ source }: { source: boolean }): Ajv {
  const ajv = new Ajv({ ...USER_AJV_OPTIONS, code: source ? { source: true } : { regExp: linearRegExp } });
  addPlugins(ajv);
  return ajv;
}

const compiled = new Map<string, ValidateFunction>();

export type KforgeSchemaName = "cluster" | "blueprint" | "policy";
export const KFORGE_SCHEMAS: readonly KforgeSchemaName[] = ["cluster", "blueprint", "policy"];

function schemaText(name: KforgeSchemaName): string {
  return readFileSync(join(PACKAGE_ROOT, "schemas", `${name}.schema.json`), "utf8");
}

/** The file `npm run build` precompiles the kforge schemas into (dist/validators/). */
export const KFORGE_SCHEMAS_FILE = "kforge-schemas.cjs";

/** Identifies the schemas' text, so validators built from other versions of them are never used. */
function schemasHash(): string {
  return sha256(KFORGE_SCHEMAS.map(schemaText).join("\0"));
}

/** JavaScript source of the kforge schemas' validators, compiled at build time (exports cluster, blueprint, policy). */
export function kforgeSchemasSource(): string {
  const ajv = createUserAjv({ source: true });
  for (const name of KFORGE_SCHEMAS) ajv.addSchema(JSON.parse(schemaText(name)), name);
  return standaloneSource(ajv, Object.fromEntries(KFORGE_SCHEMAS.map((name) => [name, name])), schemasHash());
}

/** The validators `npm run build` precompiled from these very schema files, if any. */
export function loadPrecompiledKforgeSchemas(folder?: URL): Record<string, ValidateFunction> | undefined {
  return loadPrecompiled(KFORGE_SCHEMAS_FILE, schemasHash(), folder);
}

let precompiled: Record<string, ValidateFunction> | undefined | null = null;

/** A validator for one of the JSON Schemas under schemas/: precompiled by the build, else compiled once per process. */
export function kforgeSchema(name: KforgeSchemaName): ValidateFunction {
  if (precompiled === null) precompiled = loadPrecompiledKforgeSchemas();
  let validate = precompiled?.[name] ?? compiled.get(name);
  if (!validate) {
    validate = userAjv().compile(JSON.parse(schemaText(name)));
    compiled.set(name, validate);
  }
  return validate;
}
