import type { FieldPath } from "../resources/resource.js";

/** An object schema in a blueprint's values schema that lets unknown fields through. */
export interface OpenObjectSchema {
  /** Where the schema's `properties` key sits. */
  path: FieldPath;
  message: string;
  hint: string;
}

/** Keywords whose subschemas describe the shape of a value (not extra conditions on it). */
const SHAPE_MAPS = ["properties", "patternProperties", "definitions", "$defs"];

/**
 * Object schemas with `properties` must set `"additionalProperties": false`, so a misspelt value
 * (`replcas: 3`) is an error instead of being silently ignored. Only schemas that give a value
 * its shape are checked: allOf, anyOf, oneOf, if/then/else and not add conditions to a shape
 * defined elsewhere, and closing them would refuse the fields that shape allows.
 */
export function openObjectSchemas(schema: unknown, path: FieldPath = []): OpenObjectSchema[] {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return [];
  const node = schema as Record<string, unknown>;
  const out: OpenObjectSchema[] = [];
  const properties = node.properties;
  if (typeof properties === "object" && properties !== null && !Array.isArray(properties) && node.additionalProperties !== false && node.$ref === undefined) {
    const which = path.length === 0 ? "the root object" : `the object at \`${path.join(".")}\``;
    out.push({
      path: [...path, "properties"],
      message: `${which} lists its properties but does not set \`"additionalProperties": false\`: a misspelt value there would be silently ignored`,
      hint: 'add "additionalProperties": false beside "properties" (and list every field it accepts); for a free-form map, give no "properties" and describe the entries with "additionalProperties": {schema}',
    });
  }
  for (const key of SHAPE_MAPS) {
    const map = node[key];
    if (typeof map !== "object" || map === null || Array.isArray(map)) continue;
    for (const [name, child] of Object.entries(map)) out.push(...openObjectSchemas(child, [...path, key, name]));
  }
  if (typeof node.additionalProperties === "object") out.push(...openObjectSchemas(node.additionalProperties, [...path, "additionalProperties"]));
  if (Array.isArray(node.items)) node.items.forEach((item, i) => out.push(...openObjectSchemas(item, [...path, "items", i])));
  else out.push(...openObjectSchemas(node.items, [...path, "items"]));
  return out;
}
