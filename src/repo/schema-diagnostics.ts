import type { ErrorObject } from "ajv";
import type { Diagnostic, DiagnosticCode } from "../diagnostics/diagnostic.js";
import type { FieldPath } from "../resources/resource.js";
import type { YamlFile } from "../yaml/read-yaml-file.js";
import { closestName } from "../diagnostics/closest-name.js";

/**
 * Turns ajv errors into compiler-style diagnostics positioned at the offending value in the
 * user's file (an unknown field at its key). `base` is where the validated data sits inside the
 * file (e.g. a release's inline values inside cluster.yaml). A schema's own words win: an
 * `errorMessage` (ajv-errors) is the message, and a `description` explains what ajv's own
 * words cannot (a pattern, a `not`).
 */
export function schemaDiagnostics(errors: ErrorObject[], yaml: YamlFile, base: FieldPath, code: DiagnosticCode, what: string): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  const meaningful = errors.filter((e) => !["anyOf", "oneOf", "if"].includes(e.keyword) || errors.length === 1);
  for (const { path, message, hint, onKey } of meaningful.flatMap(describeError)) {
    const span = onKey ? yaml.locateKey([...base, ...path]) : yaml.locate([...base, ...path]);
    const key = `${span.line}:${span.column}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ code, file: yaml.file, line: span.line, column: span.column, message: `${what}: ${message}`, hint });
  }
  return out;
}

/** The path an error is about: an unknown field's own key, else the value that failed. */
export function errorLeaf(error: ErrorObject): FieldPath {
  const path = pointerToPath(error.instancePath);
  const unknown = unknownFields(error);
  return unknown.length === 1 ? [...path, unknown[0]] : path;
}

/**
 * One error per unknown field: ajv-errors gathers every unknown key of an object under one
 * `errorMessage` error, but the keys may be written in different files (values file, inline).
 */
export function splitUnknownFields(errors: readonly ErrorObject[]): ErrorObject[] {
  return errors.flatMap((error) => {
    const inner = (error.params as { errors?: ErrorObject[] }).errors;
    if (error.keyword !== "errorMessage" || !inner || unknownFields(error).length < 2) return [error];
    return inner.map((one) => ({ ...error, params: { ...error.params, errors: [one] } }));
  });
}

/** Names of the unknown fields an error is about (also under an errorMessage that replaced them). */
function unknownFields(error: ErrorObject): string[] {
  const own = error.keyword === "additionalProperties" ? [error] : error.keyword === "errorMessage" ? ((error.params as { errors?: ErrorObject[] }).errors ?? []) : [];
  return own.filter((e) => e.keyword === "additionalProperties").map((e) => String((e.params as { additionalProperty: unknown }).additionalProperty));
}

export function pointerToPath(pointer: string): FieldPath {
  if (pointer === "") return [];
  return pointer.slice(1).split("/").map((s) => {
    const step = s.replace(/~1/g, "/").replace(/~0/g, "~");
    return /^(0|[1-9][0-9]*)$/.test(step) ? Number(step) : step;
  });
}

interface Described {
  path: FieldPath;
  message: string;
  hint?: string;
  /** Point at the key, not the value (an unknown field). */
  onKey?: boolean;
}

function describeError(error: ErrorObject): Described[] {
  if (error.keyword === "errorMessage") {
    const path = pointerToPath(error.instancePath);
    const unknown = unknownFields(error);
    // One diagnostic per unknown key, each at its key, in the schema author's words.
    if (unknown.length > 0) return unknown.map((name) => ({ path: [...path, name], message: `${where(path)}${error.message}`, onKey: true }));
    return [{ path, message: `${where(path)}${error.message}` }];
  }
  return [describe(error)];
}

/** "`a.b`: " before a message from the schema, so the reader sees which value it is about. */
function where(path: FieldPath): string {
  return path.length > 0 ? `\`${path.join(".")}\`: ` : "";
}

function describe(error: ErrorObject): Described {
  const path = pointerToPath(error.instancePath);
  const at = path.length > 0 ? `\`${path.join(".")}\`` : "the document";
  const params = error.params as Record<string, any>;
  const parent = (error.parentSchema ?? {}) as { description?: unknown; properties?: Record<string, { description?: unknown }> };
  const description = typeof parent.description === "string" ? parent.description : undefined;
  const got = error.data !== undefined && typeof error.data !== "object" ? `got ${JSON.stringify(error.data)}` : `got ${typeName(error.data)}`;
  // ajv's words for these ("must match pattern ...", "must NOT be valid") tell a user nothing:
  // the schema's description says what is expected; without one, say what kind of check failed.
  const vague: Record<string, string> = {
    pattern: "which does not have the form the blueprint requires",
    not: "which the blueprint does not allow here",
    anyOf: "which matches none of the forms the blueprint allows",
    oneOf: "which does not match exactly one of the forms the blueprint allows",
    if: "which does not meet the blueprint's conditions for this value",
  };
  if (Object.hasOwn(vague, error.keyword)) {
    if (description) return { path, message: `${at}: ${got}, expected: ${description}` };
    return { path, message: `${at}: ${got}, ${vague[error.keyword]}`, hint: "the blueprint's values schema gives no description for this value; a `description` or `errorMessage` there would say what it expects" };
  }
  const explained = description ? `${path.join(".") || "value"}: ${description}` : undefined;
  switch (error.keyword) {
    case "additionalProperties": {
      const name = String(params.additionalProperty);
      const allowed = Object.keys(parent.properties ?? {});
      const guess = closestName(name, allowed);
      return {
        path: [...path, name],
        onKey: true,
        message: `unknown field \`${name}\`${path.length ? ` in ${at}` : ""}${guess ? ` (did you mean \`${guess}\`?)` : ""}`,
        hint: allowed.length ? `allowed fields: ${allowed.join(", ")}` : undefined,
      };
    }
    case "required": {
      const missing = String(params.missingProperty);
      const about = parent.properties?.[missing]?.description;
      return { path, message: `missing required field \`${missing}\`${path.length ? ` in ${at}` : ""}`, hint: typeof about === "string" ? `${missing}: ${about}` : undefined };
    }
    case "type":
      return { path, message: `${at} must be ${article(String(params.type))}, got ${typeName(error.data)}`, hint: explained };
    case "enum":
      return { path, message: `${at} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}, got ${JSON.stringify(error.data)}`, hint: explained };
    case "const":
      return { path, message: `${at} must be ${JSON.stringify(params.allowedValue)}, got ${JSON.stringify(error.data)}`, hint: explained };
    default:
      return { path, message: `${at} ${error.message ?? "is invalid"}${error.data !== undefined && typeof error.data !== "object" ? ` (got ${JSON.stringify(error.data)})` : ""}`, hint: explained };
  }
}

function article(type: string): string {
  const names = type.split(",").map((t) => (t === "integer" || t === "object" || t === "array" ? `an ${t}` : `a ${t}`));
  return names.join(" or ");
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (typeof value === "object") return "a mapping";
  if (typeof value === "number") return Number.isInteger(value) ? `the integer ${value}` : `the number ${value}`;
  return `the ${typeof value} ${String(value)}`;
}
