import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { PACKAGE_ROOT } from "../package-root.js";

// ajv-formats is CommonJS; under NodeNext its default export sits one level down.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

/** An ajv for kforge's own small files: every error (they are small), defaults applied. */
export function createUserAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false, verbose: true });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  return ajv;
}

const compiled = new Map<string, ValidateFunction>();

/** A validator for one of the JSON Schemas under schemas/, compiled once per process. */
export function kforgeSchema(name: "cluster" | "blueprint" | "policy"): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    const schema = JSON.parse(readFileSync(join(PACKAGE_ROOT, "schemas", `${name}.schema.json`), "utf8"));
    validate = createUserAjv().compile(schema);
    compiled.set(name, validate);
  }
  return validate;
}
