import type { FieldPath } from "../resources/resource.js";

/** What a schema problem is about; lets callers group or filter without parsing messages. */
export type SchemaProblemCode =
  | "unknown-field"
  | "missing-field"
  | "wrong-type"
  | "out-of-range"
  | "not-allowed-value"
  | "bad-format"
  | "constraint"
  | "kind-not-in-version"
  | "no-schema"
  | "crd-schema-unusable";

/** One schema problem of a resource: plain data, never thrown. */
export interface SchemaProblem {
  /** The field it is about (for an unknown or missing field: that field's own path). */
  path: FieldPath;
  message: string;
  severity: "error" | "warning";
  code: SchemaProblemCode;
  /** What to do, when the problem calls for more than fixing the value. */
  remediation?: string;
}
