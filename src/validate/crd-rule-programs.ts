import { compileCel, type CelProgram } from "../cel/cel-program.js";
import type { FieldPath } from "../resources/resource.js";
import type { CrdSchemaProblem } from "./crd-schema-problems.js";
import { undefinedFieldProblem } from "./crd-rule-fields.js";
import type { JsonSchema } from "./value-schemas.js";

/** One x-kubernetes-validations entry, compiled. */
export interface CompiledRule {
  rule: string;
  program: CelProgram;
  message?: string;
  messageExpression?: CelProgram;
  reason: RuleReason;
  /** Relative path the finding is reported at, parsed from `fieldPath` (".spec.x['y']" -> ["spec", "x", "y"]). */
  fieldPath: FieldPath;
  /** A transition rule (uses oldSelf): lint has no old object, so it is not evaluated. */
  transition: boolean;
}

export type RuleReason = "FieldValueInvalid" | "FieldValueForbidden" | "FieldValueRequired" | "FieldValueDuplicate";
const REASONS: readonly RuleReason[] = ["FieldValueInvalid", "FieldValueForbidden", "FieldValueRequired", "FieldValueDuplicate"];
const VARIABLES = ["self", "oldSelf"];

export interface SchemaRules {
  /** Compiled rules by schema node (the node holding x-kubernetes-validations). */
  rulesOf: Map<JsonSchema, CompiledRule[]>;
  /** Rules that do not compile and other invalid entries, at their place in the schema. */
  problems: CrdSchemaProblem[];
}

const cache = new WeakMap<JsonSchema, SchemaRules>();

/** The CEL rules of a CRD version's schema, compiled once per schema object. */
export function schemaRules(schema: JsonSchema): SchemaRules {
  let rules = cache.get(schema);
  if (!rules) {
    rules = { rulesOf: new Map(), problems: [] };
    collect(schema, [], rules, true);
    cache.set(schema, rules);
  }
  return rules;
}

/** `path` is one array for the whole walk, pushed to and popped as it descends. */
const nodeRules = new WeakMap<JsonSchema, CompiledRule[]>();

/**
 * The compiled rules of one node of a CRD version's schema (`root`), as schemaRules gives them,
 * compiled on first use when schemaRules has not run: checking a custom resource needs only the
 * rules of the nodes its values reach, and a CRD whose verdict came from the cache need not
 * compile the rest. `node` must be `root` or reached from it through properties, items and
 * additionalProperties.
 */
export function rulesAt(root: JsonSchema, node: JsonSchema): readonly CompiledRule[] {
  const all = cache.get(root);
  if (all) return all.rulesOf.get(node) ?? [];
  let rules = nodeRules.get(node);
  if (!rules) {
    const entries = node["x-kubernetes-validations"];
    // Problems are the crd-schema verdict's business; here only the rules that compile count.
    rules = Array.isArray(entries) ? entries.flatMap((entry, index) => compileEntry(entry, node, node === root, [index], [])) : [];
    nodeRules.set(node, rules);
  }
  return rules;
}

const withEntries = new WeakMap<JsonSchema, boolean>();

/** Whether any node schemaRules visits has an x-kubernetes-validations list: false means the schema has no rules. */
export function hasRuleEntries(root: JsonSchema): boolean {
  let known = withEntries.get(root);
  if (known === undefined) {
    known = false;
    const pending: unknown[] = [root];
    while (pending.length > 0 && !known) {
      const node = pending.pop();
      if (!isMapping(node)) continue;
      if (Array.isArray(node["x-kubernetes-validations"])) known = true;
      if (isMapping(node.properties)) for (const name in node.properties) if (Object.hasOwn(node.properties, name)) pending.push(node.properties[name]);
      pending.push(node.items, node.additionalProperties);
    }
    withEntries.set(root, known);
  }
  return known;
}

function collect(schema: unknown, path: (string | number)[], out: SchemaRules, root = false): void {
  if (!isMapping(schema)) return;
  const entries = schema["x-kubernetes-validations"];
  if (entries !== undefined) {
    const at = [...path, "x-kubernetes-validations"];
    if (!Array.isArray(entries)) out.problems.push({ path: at, message: "`x-kubernetes-validations` must be a list of rules" });
    else {
      const compiled = entries.flatMap((entry, index) => compileEntry(entry, schema, root, [...at, index], out.problems));
      if (compiled.length > 0) out.rulesOf.set(schema, compiled);
    }
  }
  const depth = path.length;
  if (isMapping(schema.properties)) {
    for (const name in schema.properties) {
      if (!Object.hasOwn(schema.properties, name)) continue;
      path.push("properties", name);
      collect(schema.properties[name], path, out);
      path.length = depth;
    }
  }
  if (isMapping(schema.items)) {
    path.push("items");
    collect(schema.items, path, out);
    path.length = depth;
  }
  if (isMapping(schema.additionalProperties)) {
    path.push("additionalProperties");
    collect(schema.additionalProperties, path, out);
    path.length = depth;
  }
}

function compileEntry(entry: unknown, schema: Record<string, unknown>, root: boolean, at: FieldPath, problems: CrdSchemaProblem[]): CompiledRule[] {
  const report = (key: string, message: string) => problems.push({ path: [...at, key], message });
  if (!isMapping(entry) || typeof entry.rule !== "string" || entry.rule.trim() === "") {
    problems.push({ path: isMapping(entry) ? [...at, "rule"] : at, message: "a validation rule needs `rule`, a CEL expression" });
    return [];
  }
  const compiled = compileCel(entry.rule, VARIABLES);
  if (!compiled.ok && compiled.error.unsupported) return []; // valid CEL the engine cannot run: skipped, not blamed on the CRD
  if (!compiled.ok) {
    report("rule", `the CEL rule does not compile: ${compiled.error.message}${compiled.error.offset !== undefined ? ` (at character ${compiled.error.offset + 1})` : ""}`);
    return [];
  }
  const undefinedField = compiled.program.selections.map((selection) => undefinedFieldProblem(schema, selection, root)).find((problem) => problem !== undefined);
  if (undefinedField) {
    report("rule", `the CEL rule does not compile: ${undefinedField}`);
    return [];
  }
  let ok = true;
  let messageExpression: CelProgram | undefined;
  if (entry.messageExpression !== undefined) {
    const message = typeof entry.messageExpression === "string" ? compileCel(entry.messageExpression, VARIABLES) : undefined;
    if (message?.ok) messageExpression = message.program;
    else {
      report("messageExpression", message ? `\`messageExpression\` does not compile: ${message.error.message}` : "`messageExpression` must be a CEL expression (a string)");
      ok = false;
    }
  }
  if (entry.message !== undefined && (typeof entry.message !== "string" || /[\r\n]/.test(entry.message))) {
    report("message", "`message` must be a string on one line");
    ok = false;
  }
  const reason = entry.reason ?? "FieldValueInvalid";
  if (!REASONS.includes(reason as RuleReason)) {
    report("reason", `\`reason\` must be one of ${REASONS.join(", ")}`);
    ok = false;
  }
  let fieldPath: FieldPath = [];
  if (entry.fieldPath !== undefined) {
    const parsed = typeof entry.fieldPath === "string" ? parseFieldPath(entry.fieldPath) : undefined;
    if (parsed && resolves(schema, parsed)) fieldPath = parsed;
    else if (parsed) {
      report("fieldPath", `\`fieldPath\` ${String(entry.fieldPath)} does not name a field of the schema the rule is on`);
      ok = false;
    } else {
      report("fieldPath", "`fieldPath` must be a path like `.spec.replicas` or `.labels['app']`");
      ok = false;
    }
  }
  if (!ok) return [];
  const transition = compiled.program.references.has("oldSelf") || (messageExpression?.references.has("oldSelf") ?? false);
  const rule: CompiledRule = { rule: entry.rule, program: compiled.program, reason: reason as RuleReason, fieldPath, transition };
  if (typeof entry.message === "string") rule.message = entry.message;
  if (messageExpression) rule.messageExpression = messageExpression;
  return [rule];
}

/** ".a.b['c.d'][0]" -> ["a", "b", "c.d", 0]; undefined when it is not such a path. */
export function parseFieldPath(text: string): FieldPath | undefined {
  const path: (string | number)[] = [];
  const step = /\.([A-Za-z_$][\w$-]*)|\['((?:[^'\\]|\\.)*)'\]|\[(\d+)\]/y;
  let at = 0;
  while (at < text.length) {
    step.lastIndex = at;
    const match = step.exec(text);
    if (!match) return undefined;
    path.push(match[1] ?? (match[2] !== undefined ? match[2].replace(/\\(.)/g, "$1") : Number(match[3])));
    at = step.lastIndex;
  }
  return path.length > 0 ? path : undefined;
}

/** Whether `path` leads through the schema's properties (map keys via additionalProperties, indexes via items). */
function resolves(schema: Record<string, unknown>, path: FieldPath): boolean {
  let node: unknown = schema;
  for (const step of path) {
    if (!isMapping(node)) return false;
    if (typeof step === "number") node = node.items;
    else if (isMapping(node.properties) && isMapping(node.properties[step])) node = node.properties[step];
    else if (isMapping(node.additionalProperties)) node = node.additionalProperties;
    else if (node["x-kubernetes-preserve-unknown-fields"] === true) return true;
    else return false;
  }
  return isMapping(node);
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
