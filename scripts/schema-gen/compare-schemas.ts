import type { JsonSchema } from "../../src/validate/value-schemas.js";

/** What kind of disagreement between a reference schema and kforge's. */
export type MismatchKind =
  | "missing-field" // the reference allows a field kforge rejects as unknown
  | "extra-field" // kforge accepts a field the reference does not define
  | "type"
  | "format"
  | "required-extra" // kforge requires a field the reference does not
  | "required-missing" // the reference requires a field kforge does not
  | "open"; // kforge accepts anything where the reference has a structure

export interface Mismatch {
  kind: MismatchKind;
  /** Reference definition and field, e.g. `io.k8s.api.core.v1.ContainerPort.containerPort`. */
  where: string;
  detail: string;
}

/** A schema side: resolves `$ref`s and names well-known value types. */
export interface SchemaSide {
  resolve(schema: JsonSchema): { schema: JsonSchema; name?: string };
  /** "int-or-string" | "quantity" | "time" for the special value types, else undefined. */
  valueType(schema: JsonSchema, name?: string): string | undefined;
}

/** Walks a reference schema and kforge's side by side and lists where they disagree. */
export function compareSchemas(reference: SchemaSide, ours: SchemaSide, root: { reference: JsonSchema; ours: JsonSchema; where: string }): Mismatch[] {
  const mismatches: Mismatch[] = [];
  const seen = new Set<string>();
  const walk = (refIn: JsonSchema, ourIn: JsonSchema, where: string): void => {
    const ref = reference.resolve(refIn);
    const our = ours.resolve(ourIn);
    const here = ref.name ?? where;
    const pairKey = `${ref.name ?? where}|${our.name ?? "inline"}`;
    if (ref.name && our.name) {
      if (seen.has(pairKey)) return;
      seen.add(pairKey);
    }
    const refValue = reference.valueType(ref.schema, ref.name);
    const ourValue = ours.valueType(our.schema, our.name);
    if (refValue || ourValue) {
      if (refValue !== ourValue) mismatches.push({ kind: "type", where: here, detail: `${refValue ?? typeOf(ref.schema)} vs ${ourValue ?? typeOf(our.schema)}` });
      return;
    }
    const refType = typeOf(ref.schema);
    const ourType = typeOf(our.schema);
    if (ourType === "any") {
      if (refType !== "any" && !ref.schema["x-kubernetes-preserve-unknown-fields"]) mismatches.push({ kind: "open", where: here, detail: `${refType} left open` });
      return;
    }
    if (refType === "any") return;
    if (refType !== ourType) {
      mismatches.push({ kind: "type", where: here, detail: `${refType} vs ${ourType}` });
      return;
    }
    if (refType === "integer" || refType === "number") {
      const refFormat = String(ref.schema.format ?? "none");
      const ourFormat = String(our.schema.format ?? "none");
      if (refFormat !== ourFormat) mismatches.push({ kind: "format", where: here, detail: `${refFormat} vs ${ourFormat}` });
    }
    if (refType === "array") walk((ref.schema.items ?? {}) as JsonSchema, (our.schema.items ?? {}) as JsonSchema, `${here}[]`);
    if (refType === "object") compareObjects(ref.schema, our.schema, here);
  };
  const compareObjects = (ref: JsonSchema, our: JsonSchema, where: string): void => {
    const refProps = (ref.properties ?? {}) as Record<string, JsonSchema>;
    const ourProps = (our.properties ?? {}) as Record<string, JsonSchema>;
    const refOpen = ref["x-kubernetes-preserve-unknown-fields"] === true;
    for (const name of Object.keys(refProps)) {
      if (name in ourProps) walk(refProps[name], ourProps[name], `${where}.${name}`);
      else if (our.additionalProperties === false) mismatches.push({ kind: "missing-field", where: `${where}.${name}`, detail: "rejected as unknown" });
    }
    for (const name of Object.keys(ourProps)) {
      if (!(name in refProps) && !refOpen && !ref.additionalProperties) mismatches.push({ kind: "extra-field", where: `${where}.${name}`, detail: "not in reference" });
    }
    const refRequired = new Set((ref.required ?? []) as string[]);
    const ourRequired = new Set((our.required ?? []) as string[]);
    for (const name of ourRequired) if (!refRequired.has(name)) mismatches.push({ kind: "required-extra", where: `${where}.${name}`, detail: "required only by kforge" });
    for (const name of refRequired) if (!ourRequired.has(name)) mismatches.push({ kind: "required-missing", where: `${where}.${name}`, detail: "required only by the reference" });
    const refMap = typeof ref.additionalProperties === "object" ? (ref.additionalProperties as JsonSchema) : undefined;
    const ourMap = typeof our.additionalProperties === "object" ? (our.additionalProperties as JsonSchema) : undefined;
    if (refMap && ourMap) walk(refMap, ourMap, `${where}{}`);
    else if (refMap && our.additionalProperties === false && Object.keys(ourProps).length === 0) mismatches.push({ kind: "type", where, detail: "map vs closed object" });
  };
  walk(root.reference, root.ours, root.where);
  return mismatches;
}

function typeOf(schema: JsonSchema): string {
  const type = schema.type;
  if (typeof type === "string") return type;
  if (Array.isArray(type)) return type.join("|");
  if (schema.properties || schema.additionalProperties !== undefined) return "object";
  if (schema.items) return "array";
  return "any";
}
