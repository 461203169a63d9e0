import type { ErrorObject } from "ajv";
import type { Diagnostic, DiagnosticCode } from "../diagnostics/diagnostic.js";
import type { FieldPath } from "../resources/resource.js";
import type { YamlFile } from "../yaml/read-yaml-file.js";
import { closestName } from "../diagnostics/closest-name.js";

/**
 * Turns ajv errors into compiler-style diagnostics positioned at the offending value in the
 * user's file. `base` is where the validated data sits inside the file (e.g. a release's
 * inline values inside cluster.yaml).
 */
export function schemaDiagnostics(errors: ErrorObject[], yaml: YamlFile, base: FieldPath, code: DiagnosticCode, what: string): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  const meaningful = errors.filter((e) => !["anyOf", "oneOf", "if"].includes(e.keyword) || errors.length === 1);
  for (const error of meaningful) {
    const { path, message, hint } = describe(error);
    const span = error.keyword === "additionalProperties" ? yaml.locateKey([...base, ...path]) : yaml.locate([...base, ...path]);
    const key = `${span.line}:${span.column}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ code, file: yaml.file, line: span.line, column: span.column, message: `${what}: ${message}`, hint });
  }
  return out;
}

export function pointerToPath(pointer: string): FieldPath {
  if (pointer === "") return [];
  return pointer.slice(1).split("/").map((s) => {
    const step = s.replace(/~1/g, "/").replace(/~0/g, "~");
    return /^(0|[1-9][0-9]*)$/.test(step) ? Number(step) : step;
  });
}

function describe(error: ErrorObject): { path: FieldPath; message: string; hint?: string } {
  const path = pointerToPath(error.instancePath);
  const at = path.length > 0 ? `\`${path.join(".")}\`` : "the document";
  const params = error.params as Record<string, any>;
  switch (error.keyword) {
    case "additionalProperties": {
      const name = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const guess = closestName(name, allowed);
      return {
        path: [...path, name],
        message: `unknown field \`${name}\`${path.length ? ` in ${at}` : ""}${guess ? ` (did you mean \`${guess}\`?)` : ""}`,
        hint: allowed.length ? `allowed fields: ${allowed.join(", ")}` : undefined,
      };
    }
    case "required":
      return { path, message: `missing required field \`${params.missingProperty}\`${path.length ? ` in ${at}` : ""}` };
    case "type":
      return { path, message: `${at} must be ${article(String(params.type))}, got ${typeName(error.data)}` };
    case "enum":
      return { path, message: `${at} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}, got ${JSON.stringify(error.data)}` };
    case "const":
      return { path, message: `${at} must be ${JSON.stringify(params.allowedValue)}, got ${JSON.stringify(error.data)}` };
    default:
      return { path, message: `${at} ${error.message ?? "is invalid"}${error.data !== undefined && typeof error.data !== "object" ? ` (got ${JSON.stringify(error.data)})` : ""}` };
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
