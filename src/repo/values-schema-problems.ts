import type { Ajv, ErrorObject, ValidateFunction } from "ajv";
import { closestName } from "../diagnostics/closest-name.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { FieldPath } from "../resources/resource.js";
import { parseYamlFile } from "../yaml/read-yaml-file.js";
import { pointerToPath } from "./schema-diagnostics.js";
import { linearPatternProblem } from "../validate/linear-regexp.js";
import { openObjectSchemas } from "./open-object-schemas.js";

const TYPES = ["array", "boolean", "integer", "null", "number", "object", "string"];
const HINT = "a blueprint's values.schema.json must be a valid JSON Schema (draft-07)";

/**
 * Checks a blueprint's values schema and compiles it. Anything the validator would refuse (the
 * meta-schema's complaints, a `pattern` that is no regular expression, a `$ref` to nothing) is an
 * input error at the keyword's line, never a crash.
 */
export function compileValuesSchema(ajv: Ajv, schema: object, text: string, file: string): { validate?: ValidateFunction; diagnostics: Diagnostic[] } {
  const problems: { path: FieldPath; message: string; hint?: string; onKey?: boolean }[] = [];
  if (!ajv.validateSchema(schema)) problems.push(...metaSchemaProblems(ajv.errors ?? []));
  problems.push(...patternProblems(schema, []));
  if (problems.length === 0) {
    try {
      const validate = ajv.compile(schema);
      const open = openObjectSchemas(schema);
      if (open.length === 0) return { validate, diagnostics: [] };
      problems.push(...open.map((o) => ({ ...o, onKey: true })));
    } catch (error) {
      const message = (error as Error).message;
      const ref = /can't resolve reference (\S+)/.exec(message)?.[1];
      const at = ref ? findValue(schema, "$ref", ref, []) : undefined;
      problems.push({ path: at ?? [], message: ref ? `\`$ref: ${ref}\` points at nothing in this schema` : `the values schema cannot be compiled: ${message}` });
    }
  }
  const yaml = parseYamlFile(text, file).yaml;
  return {
    diagnostics: problems.map(({ path, message, hint, onKey }) => {
      const span = (onKey ? yaml?.locateKey(path) : yaml?.locate(path)) ?? { line: 1, column: 1 };
      return { code: "blueprint-schema", file, line: span.line, column: span.column, message: `invalid values schema: ${message}`, hint: hint ?? HINT };
    }),
  };
}

/** One problem per keyword: the meta-schema's anyOf branches all complain about the same value. */
function metaSchemaProblems(errors: ErrorObject[]): { path: FieldPath; message: string }[] {
  const byPath = new Map<string, ErrorObject>();
  for (const error of errors) if (!byPath.has(error.instancePath)) byPath.set(error.instancePath, error);
  return [...byPath.values()].map((error) => {
    const path = pointerToPath(error.instancePath);
    const key = path.at(-1);
    const data = error.data;
    if (key === "type" && typeof data === "string") {
      const guess = closestName(data, TYPES);
      return { path, message: `\`type: ${data}\` is not a type${guess ? ` (did you mean \`${guess}\`?)` : ""}; use one of ${TYPES.join(", ")}` };
    }
    const got = data !== undefined && typeof data !== "object" ? ` (got ${JSON.stringify(data)})` : "";
    return { path, message: `\`${path.join(".") || "the schema"}\` ${error.message ?? "is invalid"}${got}` };
  });
}

/** `pattern` and `patternProperties` keys are compiled with the `u` flag, as ajv does. */
function patternProblems(schema: unknown, path: FieldPath): { path: FieldPath; message: string }[] {
  if (typeof schema !== "object" || schema === null) return [];
  const out: { path: FieldPath; message: string }[] = [];
  for (const [key, value] of Object.entries(schema)) {
    if (key === "pattern" && typeof value === "string") {
      const error = regexError(value);
      if (error) out.push({ path: [...path, key], message: `\`pattern\` is not a valid regular expression: ${error}` });
    }
    if (key === "patternProperties" && typeof value === "object" && value !== null && !Array.isArray(value)) {
      for (const name of Object.keys(value)) {
        const error = regexError(name);
        if (error) out.push({ path: [...path, key, name], message: `\`patternProperties\` key is not a valid regular expression: ${error}` });
      }
    }
    out.push(...patternProblems(value, [...path, Array.isArray(schema) ? Number(key) : key]));
  }
  return out;
}

/** Patterns run on RE2 (linear time, the API server's own syntax): look-ahead and back-references are refused. */
function regexError(pattern: string): string | undefined {
  const problem = linearPatternProblem(pattern);
  return problem && `${problem} (patterns use RE2 syntax, as the API server does: no look-around or back-references)`;
}

function findValue(node: unknown, key: string, value: string, path: FieldPath): FieldPath | undefined {
  if (typeof node !== "object" || node === null) return undefined;
  for (const [k, child] of Object.entries(node)) {
    const here = [...path, Array.isArray(node) ? Number(k) : k];
    if (k === key && child === value) return here;
    const found = findValue(child, key, value, here);
    if (found) return found;
  }
  return undefined;
}
