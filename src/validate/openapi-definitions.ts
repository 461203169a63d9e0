import { INT_OR_STRING, QUANTITY, TIME, type JsonSchema } from "./value-schemas.js";

/**
 * Kubernetes API definitions (the `definitions` of an OpenAPI v2 document, as the Kubernetes
 * repository publishes in api/openapi-spec/swagger.json) turned into the strict schemas kforge
 * validates with: structure only (types, required, enums, formats, list types and keys,
 * group/version/kind), no descriptions; every object with declared properties is closed, as the
 * API server's strict field validation treats unknown fields.
 */
export interface StrictDefinitions {
  /** apiVersion -> kind -> definition name. */
  kinds: Record<string, Record<string, string>>;
  /** Short definition name ("core.v1.Container") -> strict schema; `$ref`s use short names. */
  definitions: Record<string, JsonSchema>;
}

interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** Prefixes dropped from definition names: "io.k8s.api.core.v1.Pod" -> "core.v1.Pod". */
const NAME_PREFIXES = ["io.k8s.api.", "io.k8s.apimachinery.pkg.apis.", "io.k8s.apimachinery.pkg.", "io.k8s.apiextensions-apiserver.pkg.apis.", "io.k8s.kube-aggregator.pkg.apis."];

/** Value types the API serializes specially, inlined wherever they are referenced. */
const INLINED: Record<string, JsonSchema> = {
  "util.intstr.IntOrString": INT_OR_STRING,
  "api.resource.Quantity": QUANTITY,
  "meta.v1.Time": TIME,
  "meta.v1.MicroTime": TIME,
};

/** Formats ajv checks (see schema-ajv.ts); others are documentation only and dropped. */
const FORMATS = new Set(["int32", "int64", "double", "date-time", "byte"]);
/** Keywords kept as they are. */
const KEPT = ["enum", "required", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "pattern", "uniqueItems", "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type"];
/** Kinds that are envelopes or discovery documents, never objects one applies. */
export const NOT_APPLIED = new Set(["WatchEvent", "DeleteOptions", "Status", "APIGroup", "APIGroupList", "APIResourceList", "APIVersions", "Eviction", "Scale", "DeploymentRollback", "EphemeralContainers"]);

export function shortDefinitionName(name: string): string {
  const prefix = NAME_PREFIXES.find((p) => name.startsWith(p));
  return prefix ? name.slice(prefix.length) : name;
}

/** Converts one release's definitions. Throws when two definitions would share a short name. */
export function strictDefinitions(definitions: Record<string, JsonSchema>): StrictDefinitions {
  const out: StrictDefinitions = { kinds: {}, definitions: {} };
  const origin = new Map<string, string>();
  for (const [name, definition] of Object.entries(definitions)) {
    const short = shortDefinitionName(name);
    if (origin.has(short)) throw new Error(`definitions ${origin.get(short)} and ${name} both shorten to ${short}`);
    origin.set(short, name);
    if (Object.hasOwn(INLINED, short)) continue;
    const kinds = applicableKinds(definition);
    out.definitions[short] = convert(definition, kinds.length === 1 ? kinds[0] : undefined);
    for (const gvk of kinds) (out.kinds[apiVersionOf(gvk)] ??= {})[gvk.kind] = short;
  }
  return out;
}

function applicableKinds(definition: JsonSchema): GroupVersionKind[] {
  const gvks = (definition["x-kubernetes-group-version-kind"] ?? []) as GroupVersionKind[];
  return gvks.filter((gvk) => !NOT_APPLIED.has(gvk.kind));
}

function apiVersionOf(gvk: GroupVersionKind): string {
  return gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
}

/** One definition; a top-level kind's apiVersion and kind accept only its own values. */
function convert(definition: JsonSchema, kind: GroupVersionKind | undefined): JsonSchema {
  const schema = convertSchema(definition);
  if (kind && isRecord(schema.properties)) {
    const properties = schema.properties as Record<string, JsonSchema>;
    if (properties.apiVersion) properties.apiVersion = { type: "string", enum: [apiVersionOf(kind)] };
    if (properties.kind) properties.kind = { type: "string", enum: [kind.kind] };
  }
  return schema;
}

function convertSchema(schema: JsonSchema): JsonSchema {
  if (typeof schema.$ref === "string") {
    const short = shortDefinitionName(schema.$ref.replace(/^#\/definitions\//, ""));
    return Object.hasOwn(INLINED, short) ? { ...INLINED[short] } : { $ref: `#/definitions/${short}` };
  }
  if (isIntOrStringUnion(schema)) return { ...INT_OR_STRING };
  const out: JsonSchema = {};
  if (typeof schema.type === "string") out.type = schema.type;
  if (typeof schema.format === "string" && FORMATS.has(schema.format)) out.format = schema.format;
  for (const key of KEPT) if (schema[key] !== undefined) out[key] = structuredClone(schema[key]);
  if (isRecord(schema.items)) out.items = convertSchema(schema.items);
  if (isRecord(schema.properties)) {
    out.properties = Object.fromEntries(Object.entries(schema.properties as Record<string, JsonSchema>).map(([name, child]) => [name, convertSchema(child)]));
  }
  const additional = schema.additionalProperties;
  if (isRecord(additional)) out.additionalProperties = convertSchema(additional);
  else if (additional === true || schema["x-kubernetes-preserve-unknown-fields"] === true) out.additionalProperties = true;
  else if (out.properties) out.additionalProperties = false;
  return out;
}

/** `oneOf: [{type: string}, {type: integer}]` written inline. */
function isIntOrStringUnion(schema: JsonSchema): boolean {
  const branches = schema.oneOf ?? schema.anyOf;
  if (!Array.isArray(branches) || branches.length !== 2) return false;
  const types = branches.map((b) => (isRecord(b) ? b.type : undefined)).sort();
  return types[0] === "integer" && types[1] === "string";
}

function isRecord(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
