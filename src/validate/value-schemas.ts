/** A JSON Schema as plain data. */
export type JsonSchema = Record<string, unknown>;

/**
 * IntOrString (ports, maxSurge, ...): an int32 or a string. A union type (rather than anyOf)
 * keeps ajv to one error per bad value; `describe-schema-error` recognises it by its types.
 */
export const INT_OR_STRING: JsonSchema = { type: ["integer", "string"] };

/** resource.Quantity's serialization: a number, with an SI, binary-SI or exponent suffix. */
export const QUANTITY_PATTERN = "^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+|[KMGTPE]i|[numkMGTPE])?$";

/** resource.Quantity: `1`, `0.5`, `"500m"`, `"1Gi"`. */
export const QUANTITY: JsonSchema = { type: ["number", "string"], pattern: QUANTITY_PATTERN };

/** meta/v1 Time and MicroTime: an RFC 3339 date-time string. */
export const TIME: JsonSchema = { type: "string", format: "date-time" };

export function isIntOrString(schema: JsonSchema | undefined): boolean {
  return sameTypes(schema?.type, ["integer", "string"]);
}

export function isQuantity(schema: JsonSchema | undefined): boolean {
  return sameTypes(schema?.type, ["number", "string"]);
}

function sameTypes(type: unknown, expected: string[]): boolean {
  return Array.isArray(type) && type.length === expected.length && expected.every((t) => type.includes(t));
}
