import { INT_OR_STRING, type JsonSchema } from "./value-schemas.js";

/**
 * Keywords kept from a CRD's openAPIV3Schema; descriptions, defaults, CEL rules, list types and
 * the string formats the API server checks are left to the crd-validation rule.
 */
const KEPT = ["enum", "pattern", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties", "multipleOf", "required"];
const FORMATS = new Set(["int32", "int64", "double", "date-time"]);

/**
 * A CRD's structural schema as ajv validates it strictly, the way the API server treats a custom
 * resource under strict field validation: fields not in `properties` are unknown (unless
 * x-kubernetes-preserve-unknown-fields), x-kubernetes-int-or-string is an int or a string, and
 * OpenAPI 3.0's boolean exclusiveMinimum/Maximum become draft-07 numbers, `nullable` admits null
 * (a null list item; a null field is already "not set"), and an x-kubernetes-embedded-resource
 * needs apiVersion and kind.
 */
export function structuralToStrict(schema: JsonSchema, closeObjects = true): JsonSchema {
  if (schema["x-kubernetes-int-or-string"] === true) return { ...INT_OR_STRING };
  const out: JsonSchema = {};
  for (const key of KEPT) if (schema[key] !== undefined) out[key] = schema[key];
  if (typeof schema.type === "string") out.type = schema.nullable === true ? [schema.type, "null"] : schema.type;
  if (typeof schema.format === "string" && FORMATS.has(schema.format) && (schema.format === "date-time") === (schema.type === "string")) out.format = schema.format;
  if (schema.exclusiveMinimum === true && typeof schema.minimum === "number") {
    out.exclusiveMinimum = schema.minimum;
    delete out.minimum;
  }
  if (schema.exclusiveMaximum === true && typeof schema.maximum === "number") {
    out.exclusiveMaximum = schema.maximum;
    delete out.maximum;
  }
  for (const junctor of ["allOf", "anyOf", "oneOf"] as const) {
    if (Array.isArray(schema[junctor])) out[junctor] = (schema[junctor] as JsonSchema[]).map((branch) => structuralToStrict(branch, false));
  }
  if (schema.not && typeof schema.not === "object") out.not = structuralToStrict(schema.not as JsonSchema, false);
  if (schema.items && typeof schema.items === "object") out.items = structuralToStrict(schema.items as JsonSchema, closeObjects);
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (properties) out.properties = Object.fromEntries(Object.entries(properties).map(([name, child]) => [name, structuralToStrict(child, closeObjects)]));
  if (schema["x-kubernetes-embedded-resource"] === true) {
    // An embedded object must say what it is, as the API server requires.
    out.properties = { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { type: "object" }, ...(out.properties as object) };
    out.required = [...new Set([...((out.required as string[] | undefined) ?? []), "apiVersion", "kind"])];
  }
  const additional = schema.additionalProperties;
  if (additional && typeof additional === "object") out.additionalProperties = structuralToStrict(additional as JsonSchema, closeObjects);
  else if (additional === true || schema["x-kubernetes-preserve-unknown-fields"] === true) out.additionalProperties = true;
  else if (closeObjects && (schema.type === "object" || out.properties)) out.additionalProperties = false;
  return out;
}
