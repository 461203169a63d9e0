import type { ErrorObject } from "ajv";
import type { FieldPath, PathStep } from "../resources/resource.js";
import { closestName } from "../diagnostics/closest-name.js";
import type { SchemaProblem, SchemaProblemCode } from "./schema-problem.js";
import { isIntOrString, isQuantity, type JsonSchema } from "./value-schemas.js";

/** How problems from one schema source are reported. */
export interface DescribeOptions {
  /** Severity of unknown fields: "warning" for schemas that may lag the controller's version. */
  unknownField: "error" | "warning";
  /** Added to unknown-field messages, e.g. which schema did not know the field. */
  unknownFieldNote?: string;
}

/** Turns ajv errors (from a `verbose`, `allErrors` validator) into messages for people. */
export function describeSchemaErrors(errors: readonly ErrorObject[], data: unknown, options: DescribeOptions): SchemaProblem[] {
  const problems = new Map<string, SchemaProblem>();
  for (const error of errors) {
    if (error.keyword === "anyOf" || error.keyword === "oneOf" || error.keyword === "if") continue; // their branches said why
    const problem = describe(error, toPath(error.instancePath, data), options);
    problems.set(`${problem.path.join("\u0000")}|${problem.message}`, problem);
  }
  return [...problems.values()];
}

function describe(error: ErrorObject, path: FieldPath, options: DescribeOptions): SchemaProblem {
  const schema = (error.parentSchema ?? {}) as JsonSchema;
  const problem = (code: SchemaProblemCode, message: string, at: FieldPath = path): SchemaProblem => ({ path: at, message, severity: "error", code });
  switch (error.keyword) {
    case "additionalProperties": {
      const field = String(error.params.additionalProperty);
      const guess = closestName(field, Object.keys((schema.properties ?? {}) as object));
      const note = options.unknownFieldNote ? ` ${options.unknownFieldNote}` : "";
      return { ...problem("unknown-field", `unknown field \`${field}\`${guess ? ` (did you mean \`${guess}\`?)` : ""}${note}`, [...path, field]), severity: options.unknownField };
    }
    case "required":
      return problem("missing-field", `missing required field \`${String(error.params.missingProperty)}\``, [...path, String(error.params.missingProperty)]);
    case "type":
      return problem("wrong-type", `expected ${expected(schema)}, got ${actual(error.data)}`);
    case "format":
      if (error.params.format === "int32" || error.params.format === "int64") return problem("out-of-range", `${String(error.data)} is out of ${error.params.format} range`);
      if (error.params.format === "date-time") return problem("bad-format", `${quote(error.data)} is not an RFC 3339 date-time (like 2024-01-31T12:00:00Z)`);
      if (error.params.format === "byte") return problem("bad-format", `${quote(error.data)} is not base64-encoded data`);
      return problem("bad-format", `${quote(error.data)} is not a valid ${String(error.params.format)}`);
    case "enum":
    case "const": {
      const allowed = (error.params.allowedValues ?? [error.params.allowedValue]) as unknown[];
      const list = allowed.map((value) => quote(value)).join(", ");
      return problem("not-allowed-value", allowed.length === 1 ? `must be ${list}, got ${quote(error.data)}` : `${quote(error.data)} is not one of: ${list}`);
    }
    case "pattern":
      if (isQuantity(schema)) return problem("bad-format", `${quote(error.data)} is not a valid quantity (like 500m, 1Gi or 2)`);
      return problem("bad-format", `${quote(error.data)} does not match the pattern ${String(error.params.pattern)}`);
    default:
      return problem("constraint", `${quote(error.data)} ${error.message ?? "is not valid"}`);
  }
}

function expected(schema: JsonSchema): string {
  if (isIntOrString(schema)) return "integer or string (IntOrString)";
  if (isQuantity(schema)) return "a quantity (a number, or a string like \"500m\")";
  const type = schema.type;
  if (type === "integer") return schema.format ? `an integer (${String(schema.format)})` : "an integer";
  if (Array.isArray(type)) return type.map(article).join(" or ");
  return article(String(type));
}

function article(type: string): string {
  return type === "array" || type === "object" || type === "integer" ? `an ${type}` : type === "null" ? "null" : `a ${type}`;
}

function actual(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "object") return "a mapping";
  return `a ${typeof value}`;
}

/** Values are quoted in messages; a long one is cut (the finding's position shows it whole). */
const MAX_QUOTED = 80;

function quote(value: unknown): string {
  if (typeof value === "string") return `\`${value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value}\``;
  if (value === null || typeof value !== "object") return `\`${String(value)}\``;
  return "the value";
}

/** JSON pointer -> field path; a segment is an index exactly where the data is a list. */
function toPath(pointer: string, data: unknown): FieldPath {
  if (pointer === "") return [];
  const path: PathStep[] = [];
  let node: unknown = data;
  for (const raw of pointer.slice(1).split("/")) {
    const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    const step: PathStep = Array.isArray(node) ? Number(segment) : segment;
    path.push(step);
    node = node !== null && typeof node === "object" ? (node as Record<string | number, unknown>)[step] : undefined;
  }
  return path;
}
