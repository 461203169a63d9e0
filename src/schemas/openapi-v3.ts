import type { JsonSchema } from "../validate/value-schemas.js";

const V3_PREFIX = "#/components/schemas/";
const V2_PREFIX = "#/definitions/";

/**
 * The `components.schemas` of OpenAPI v3 documents (the Kubernetes repository's
 * api/openapi-spec/v3/*.json, or an API server's /openapi/v3/<group-version>) as OpenAPI v2
 * `definitions`: `#/components/schemas/` references become `#/definitions/`, a single-reference
 * `allOf: [{$ref}]` wrapper becomes the reference, and `default` and `description` are dropped.
 * Every document repeats the shared types (ObjectMeta, ...): the first one read is kept.
 */
export function definitionsFromV3(documents: readonly JsonSchema[]): Record<string, JsonSchema> {
  const definitions: Record<string, JsonSchema> = {};
  for (const document of documents) {
    const schemas = (document.components as JsonSchema | undefined)?.schemas as Record<string, JsonSchema> | undefined;
    if (!schemas || typeof schemas !== "object") continue;
    for (const [name, schema] of Object.entries(schemas)) {
      if (!Object.hasOwn(definitions, name)) definitions[name] = normalise(schema) as JsonSchema;
    }
  }
  return definitions;
}

/** Whether a parsed document is OpenAPI v3 with schemas (else it may be v2, or something else). */
export function hasV3Schemas(document: unknown): boolean {
  const components = (document as JsonSchema | null)?.components as JsonSchema | undefined;
  return typeof components?.schemas === "object" && components.schemas !== null;
}

function normalise(value: unknown, names = false): unknown {
  if (Array.isArray(value)) return value.map((item) => normalise(item));
  if (value === null || typeof value !== "object") return value;
  const schema = value as JsonSchema;
  if (!names) {
    const single = Array.isArray(schema.allOf) && schema.allOf.length === 1 ? (schema.allOf[0] as JsonSchema) : undefined;
    if (single && typeof single.$ref === "string") return { $ref: rename(single.$ref) };
  }
  const out: JsonSchema = {};
  for (const [key, child] of Object.entries(schema)) {
    if (names) out[key] = normalise(child);
    else if (key === "default" || key === "description") continue;
    else if (key === "$ref" && typeof child === "string") out[key] = rename(child);
    else out[key] = key === "enum" || key === "x-kubernetes-group-version-kind" ? child : normalise(child, key === "properties");
  }
  return out;
}

function rename(ref: string): string {
  return ref.startsWith(V3_PREFIX) ? `${V2_PREFIX}${ref.slice(V3_PREFIX.length)}` : ref;
}
