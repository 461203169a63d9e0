import { closestName } from "../diagnostics/closest-name.js";
import type { FieldPath } from "../resources/resource.js";
import { schemaRules } from "./crd-rule-programs.js";
import { structuralProblems } from "./crd-structural-problems.js";
import { linearPatternProblem } from "./linear-regexp.js";
import { crdVerdict } from "./crd-cache.js";

/** A keyword of a CRD's openAPIV3Schema that the API server would refuse, at that keyword's value. */
export interface CrdSchemaProblem {
  /** Relative to the openAPIV3Schema. */
  path: FieldPath;
  message: string;
}

const TYPES = ["array", "boolean", "integer", "number", "object", "string"];
const NUMBERS = ["minimum", "maximum"];
const COUNTS = ["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"];
const FLAGS = ["exclusiveMinimum", "exclusiveMaximum", "uniqueItems", "nullable", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-int-or-string", "x-kubernetes-embedded-resource"];
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf"] as const;
/** JSON Schema keywords the API server refuses in a CRD, with what to do instead. */
const FORBIDDEN: Record<string, string> = {
  $ref: "`$ref` is not allowed in a CustomResourceDefinition schema (it has no definitions to point at): write the referenced schema out in place",
  $schema: "`$schema` is not allowed in a CustomResourceDefinition schema; remove it",
  id: "`id` is not allowed in a CustomResourceDefinition schema; remove it",
  definitions: "`definitions` is not allowed in a CustomResourceDefinition schema; write each schema out where it is used",
  dependencies: "`dependencies` is not allowed in a CustomResourceDefinition schema; use an x-kubernetes-validations rule",
  patternProperties: "`patternProperties` is not allowed in a CustomResourceDefinition schema; use `additionalProperties` with an x-kubernetes-validations rule on the keys",
  additionalItems: "`additionalItems` is not allowed in a CustomResourceDefinition schema; `items` is one schema for every element",
};

const FORBIDDEN_ENTRIES = Object.entries(FORBIDDEN);

export interface CrdSchemaOptions {
  /** apiextensions.k8s.io/v1 requires a structural schema; v1beta1 only flags one that is not. */
  structural?: boolean;
}

/**
 * Checks a CRD's schema the way the API server checks a CustomResourceDefinition, for the
 * keywords kforge validates with: a schema it would refuse (`type: strign`, a `pattern` that is
 * no regular expression, `minimum: "a"`) is reported here instead of crashing the validator.
 */
export function crdSchemaProblems(schema: unknown, options: CrdSchemaOptions = {}): readonly CrdSchemaProblem[] {
  // The crd-schema rule, the crd-validation rule and the schema rule each ask about the same CRDs.
  if (schema === null || typeof schema !== "object") return problemsOf(schema, options);
  const key = options.structural ? "structural" : "plain";
  let known = verdicts.get(schema);
  if (!known) {
    known = {};
    verdicts.set(schema, known);
  }
  return (known[key] ??= cachedProblemsOf(schema, options));
}

/** The verdict on the same schema content earlier in this run or in an earlier one (see useCrdCache), or a new one. */
function cachedProblemsOf(schema: object, options: CrdSchemaOptions): readonly CrdSchemaProblem[] {
  return crdVerdict(schema, options.structural === true, () => problemsOf(schema, options));
}

const verdicts = new WeakMap<object, { structural?: readonly CrdSchemaProblem[]; plain?: readonly CrdSchemaProblem[] }>();

function problemsOf(schema: unknown, options: CrdSchemaOptions): CrdSchemaProblem[] {
  const problems: CrdSchemaProblem[] = [];
  walk(schema, [], problems);
  // Structure and CEL rules are only judged on a schema whose keywords are sound.
  if (problems.length > 0 || !isMapping(schema)) return problems;
  if (options.structural) problems.push(...structuralProblems(schema));
  problems.push(...schemaRules(schema).problems);
  return problems;
}

/**
 * `path` is one array for the whole walk, pushed to and popped as the walk descends (a copy is
 * taken only for a problem): CRD schemas have thousands of nodes.
 */
function walk(schema: unknown, path: (string | number)[], problems: CrdSchemaProblem[]): void {
  const report = (at: FieldPath, message: string) => problems.push({ path: [...path, ...at], message });
  if (!isMapping(schema)) {
    report([], `a schema must be a mapping, not ${describe(schema)}`);
    return;
  }
  // Most nodes' keywords are all sound: one pass over their keys says so, and the checks that name each problem are skipped.
  if (!keywordsSound(schema)) keywordProblems(schema, report);
  if (schema.properties !== undefined) {
    if (!isMapping(schema.properties)) report(["properties"], `\`properties\` must be a mapping of field names to schemas, not ${describe(schema.properties)}`);
    else for (const name in schema.properties) if (Object.hasOwn(schema.properties, name)) walkInto(schema.properties[name], path, problems, "properties", name);
  }
  if (schema.items !== undefined) {
    if (Array.isArray(schema.items)) report(["items"], "`items` must be one schema (a mapping); a list of schemas is not allowed in a CRD");
    else walkInto(schema.items, path, problems, "items");
  }
  const additional = schema.additionalProperties;
  if (additional !== undefined && typeof additional !== "boolean") walkInto(additional, path, problems, "additionalProperties");
  for (const key of SCHEMA_LISTS) {
    const branches = schema[key];
    if (branches === undefined) continue;
    if (!Array.isArray(branches)) report([key], `\`${key}\` must be a list of schemas, not ${describe(branches)}`);
    else branches.forEach((branch, i) => walkInto(branch, path, problems, key, i));
  }
  if (schema.not !== undefined) walkInto(schema.not, path, problems, "not");
}

/** The problems of a node's own keywords (not of the schemas under it), in the order they are reported. */
function keywordProblems(schema: Record<string, unknown>, report: (at: FieldPath, message: string) => void): void {
  for (const [key, message] of FORBIDDEN_ENTRIES) if (schema[key] !== undefined) report([key], message);
  const type = schema.type;
  if (type !== undefined) {
    if (typeof type !== "string") report(["type"], `\`type\` must be one type name (${TYPES.join(", ")}), not ${describe(type)}`);
    else if (!TYPES.includes(type)) {
      const guess = closestName(type, TYPES);
      report(["type"], `\`type: ${type}\` is not a type${guess ? ` (did you mean \`${guess}\`?)` : ""}; use one of ${TYPES.join(", ")}`);
    }
  }
  if (schema.pattern !== undefined) {
    if (typeof schema.pattern !== "string") report(["pattern"], `\`pattern\` must be a string, not ${describe(schema.pattern)}`);
    else {
      const error = regexError(schema.pattern);
      if (error) report(["pattern"], `\`pattern\` is not a valid regular expression: ${error}`);
    }
  }
  for (const key of NUMBERS) if (schema[key] !== undefined && typeof schema[key] !== "number") report([key], `\`${key}\` must be a number, not ${describe(schema[key])}`);
  if (schema.multipleOf !== undefined && !(typeof schema.multipleOf === "number" && schema.multipleOf > 0)) report(["multipleOf"], `\`multipleOf\` must be a number above 0, not ${describe(schema.multipleOf)}`);
  for (const key of COUNTS) {
    const value = schema[key];
    if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 0)) report([key], `\`${key}\` must be a whole number, 0 or more, not ${describe(value)}`);
  }
  for (const key of FLAGS) if (schema[key] !== undefined && typeof schema[key] !== "boolean") report([key], `\`${key}\` must be true or false, not ${describe(schema[key])}`);
  if (schema.enum !== undefined && !(Array.isArray(schema.enum) && schema.enum.length > 0)) report(["enum"], `\`enum\` must be a list of the allowed values, not ${Array.isArray(schema.enum) ? "an empty list" : describe(schema.enum)}`);
  if (schema.format !== undefined && typeof schema.format !== "string") report(["format"], `\`format\` must be a string, not ${describe(schema.format)}`);
  if (schema.required !== undefined) {
    if (!Array.isArray(schema.required)) report(["required"], `\`required\` must be a list of field names, not ${describe(schema.required)}`);
    else schema.required.forEach((name, i) => typeof name !== "string" && report(["required", i], `a required field name must be a string, not ${describe(name)}`));
  }
}

/** Whether keywordProblems would find nothing: every keyword it checks that the node has is sound. */
function keywordsSound(schema: Record<string, unknown>): boolean {
  for (const key in schema) {
    const value = schema[key];
    switch (key) {
      case "type":
        if (typeof value !== "string" || !TYPES.includes(value)) return false;
        break;
      case "pattern":
        if (typeof value !== "string" || regexError(value) !== undefined) return false;
        break;
      case "minimum":
      case "maximum":
        if (typeof value !== "number") return false;
        break;
      case "multipleOf":
        if (!(typeof value === "number" && value > 0)) return false;
        break;
      case "minLength":
      case "maxLength":
      case "minItems":
      case "maxItems":
      case "minProperties":
      case "maxProperties":
        if (!(Number.isInteger(value) && (value as number) >= 0)) return false;
        break;
      case "exclusiveMinimum":
      case "exclusiveMaximum":
      case "uniqueItems":
      case "nullable":
      case "x-kubernetes-preserve-unknown-fields":
      case "x-kubernetes-int-or-string":
      case "x-kubernetes-embedded-resource":
        if (typeof value !== "boolean") return false;
        break;
      case "enum":
        if (!(Array.isArray(value) && value.length > 0)) return false;
        break;
      case "format":
        if (typeof value !== "string") return false;
        break;
      case "required":
        if (!Array.isArray(value) || !value.every((name) => typeof name === "string")) return false;
        break;
      default:
        if (Object.hasOwn(FORBIDDEN, key)) return false;
    }
  }
  return true;
}

function walkInto(schema: unknown, path: (string | number)[], problems: CrdSchemaProblem[], keyword: string, name?: string | number): void {
  const depth = path.length;
  path.push(keyword);
  if (name !== undefined) path.push(name);
  walk(schema, path, problems);
  path.length = depth;
}

/** Patterns run on RE2 (linear time, the API server's own syntax): look-ahead and back-references are refused. */
function regexError(pattern: string): string | undefined {
  const problem = linearPatternProblem(pattern);
  return problem && `${problem} (patterns use RE2 syntax, as the API server does: no look-around or back-references)`;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}
