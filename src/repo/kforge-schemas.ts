import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { PACKAGE_ROOT } from "../package-root.js";

// ajv-formats is CommonJS; under NodeNext its default export sits one level down.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

let shared: Ajv | undefined;

/**
 * The ajv for kforge's own small files and blueprint values: every error (they are small),
 * defaults applied. One instance per process, so the JSON Schema meta-schema is compiled once;
 * schemas are not registered by $id, so two blueprints may reuse one.
 */
export function userAjv(): Ajv {
  if (!shared) {
    shared = new Ajv({ allErrors: true, useDefaults: true, strict: false, verbose: true, addUsedSchema: false });
    (addFormats as unknown as (a: Ajv) => void)(shared);
  }
  return shared;
}

const compiled = new Map<string, ValidateFunction>();

/** A validator for one of the JSON Schemas under schemas/, compiled once per process. */
export function kforgeSchema(name: "cluster" | "blueprint" | "policy"): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    const schema = JSON.parse(readFileSync(join(PACKAGE_ROOT, "schemas", `${name}.schema.json`), "utf8"));
    validate = userAjv().compile(schema);
    compiled.set(name, validate);
  }
  return validate;
}
