import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ValidateFunction } from "ajv";
import { PACKAGE_ROOT } from "../package-root.js";
import { loadPrecompiled, sha256, standaloneSource } from "../validate/precompiled-code.js";
import { createUserAjv } from "./kforge-schemas.js";

/**
 * The values schemas of the blueprint library, precompiled by `npm run build`
 * (dist/validators/blueprint-values.cjs) and found again by content: a repository that uses a
 * library blueprint, or an unchanged copy of one, gets its validator without compiling it.
 * Any other schema is checked and compiled as before.
 */
export const BLUEPRINT_VALUES_FILE = "blueprint-values.cjs";

/** The identity of a values schema: the hash of its JSON. */
export function valuesSchemaKey(schema: unknown): string {
  return `v${sha256(JSON.stringify(schema)).slice(0, 32)}`;
}

function librarySchemas(): { key: string; schema: object }[] {
  const folder = join(PACKAGE_ROOT, "blueprints");
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((name) => {
      try {
        const schema = JSON.parse(readFileSync(join(folder, name, "values.schema.json"), "utf8")) as object;
        return [{ key: valuesSchemaKey(schema), schema }];
      } catch {
        return [];
      }
    });
}

function librarySourceHash(schemas: { key: string }[]): string {
  return sha256(schemas.map((s) => s.key).join("\0"));
}

/** JavaScript source of the library's values validators (build step); exports one per schema key. */
export function libraryValuesSource(): string {
  const ajv = createUserAjv({ source: true });
  const schemas = librarySchemas();
  // Each library schema has its own `$id` (https://kforge.dev/blueprints/<name>/...): no two clash.
  for (const { key, schema } of schemas) ajv.addSchema(schema, key);
  return standaloneSource(ajv, Object.fromEntries(schemas.map(({ key }) => [key, key])), librarySourceHash(schemas));
}

let precompiled: Record<string, ValidateFunction> | undefined | null = null;

/** The precompiled validator of a values schema identical to a library one, if the build made it. */
export function precompiledValuesValidator(schema: object): ValidateFunction | undefined {
  if (precompiled === null) {
    try {
      precompiled = loadPrecompiled(BLUEPRINT_VALUES_FILE, librarySourceHash(librarySchemas()));
    } catch {
      precompiled = undefined;
    }
  }
  return precompiled?.[valuesSchemaKey(schema)];
}
