import { DEFAULT_BUDGET } from "../cel/cel-program.js";
import { celUnavailable } from "../cel/engine.js";
import type { FieldPath } from "../resources/resource.js";
import { countValues, escapeName, toCelValue } from "./crd-cel-value.js";
import { withDefaults } from "./crd-defaults.js";
import { hasFormat } from "./crd-formats.js";
import { hasRuleEntries, rulesAt, schemaRules, type CompiledRule } from "./crd-rule-programs.js";
import type { JsonSchema } from "./value-schemas.js";

/** A problem of a custom resource that its CRD's schema states beyond types: plain data. */
export interface CrdValueProblem {
  path: FieldPath;
  message: string;
  severity: "error" | "warning";
  /** When the rule's general remediation does not fit. */
  remediation?: string;
}

/** Values CEL rules may see in one object; more is a finding (lint must not be exhausted by one file). */
export const MAX_CEL_INPUT = 200_000;
/** All rules of one object together may spend this much (the API server has a per-request budget too). */
const OBJECT_BUDGET = 10 * DEFAULT_BUDGET.cost;

/**
 * Checks a custom resource against what its structural schema says besides types, after the
 * server's defaulting: formats, x-kubernetes-list-type set/map uniqueness, and the
 * x-kubernetes-validations CEL rules, with messages like the API server's 422 answer.
 */
export function crdValueProblems(object: Record<string, unknown>, schema: JsonSchema): CrdValueProblem[] {
  const problems: CrdValueProblem[] = [];
  const defaulted = withDefaults(object, schema) as Record<string, unknown>;
  const unavailable = celUnavailable();
  if (unavailable && JSON.stringify(schema).includes('"x-kubernetes-validations"')) {
    problems.push({ path: ["kind"], severity: "warning", message: `its CustomResourceDefinition's CEL rules were not evaluated: ${unavailable}` });
  }
  // Rules are compiled as the values reach their nodes (rulesAt); whether any compiles at all is asked only when it matters.
  let celAllowed = hasRuleEntries(schema);
  if (celAllowed && countValues(defaulted, MAX_CEL_INPUT) > MAX_CEL_INPUT) {
    if (schemaRules(schema).rulesOf.size > 0) {
      problems.push({ path: ["kind"], severity: "warning", message: `this object holds more than ${MAX_CEL_INPUT} values; its CustomResourceDefinition's CEL rules were not evaluated` });
    }
    celAllowed = false;
  }
  const root = toCelValue(rootView(defaulted), schema);
  const state = { spent: 0, stopped: false };
  const walk = (value: unknown, cel: unknown, node: JsonSchema | undefined, path: FieldPath): void => {
    if (value === null || value === undefined || !node) return;
    if (typeof value === "string" && typeof node.format === "string" && !hasFormat(node.format, value)) {
      problems.push({ path, severity: "error", message: `${describePath(path)}: Invalid value: ${quote(value)}: ${describePath(path)} in body must be of type ${node.format}: ${quote(value)}`, remediation: `write a valid ${node.format}` });
    }
    if (Array.isArray(value)) listTypeProblems(value, node, path, problems);
    if (celAllowed) for (const rule of rulesAt(schema, node)) evaluateRule(rule, cel, node, path, problems, state);
    if (Array.isArray(value)) {
      const items = node.items as JsonSchema | undefined;
      value.forEach((item, i) => walk(item, (cel as unknown[])[i], items, [...path, i]));
    } else if (typeof value === "object") {
      const properties = (node.properties ?? {}) as Record<string, JsonSchema>;
      const additional = typeof node.additionalProperties === "object" ? (node.additionalProperties as JsonSchema) : undefined;
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        walk(item, (cel as Record<string, unknown> | null)?.[key in properties ? escapeName(key) : key], properties[key] ?? additional, [...path, key]);
      }
    }
  };
  walk(defaulted, root, schema, []);
  return problems;
}

/** CEL sees a custom resource's apiVersion, kind and spec/status, and only name and generateName of its metadata. */
function rootView(object: Record<string, unknown>): Record<string, unknown> {
  const metadata = (object.metadata ?? {}) as Record<string, unknown>;
  const visible = Object.fromEntries(["name", "generateName"].filter((key) => typeof metadata[key] === "string").map((key) => [key, metadata[key]]));
  return { ...object, metadata: visible };
}

function evaluateRule(rule: CompiledRule, self: unknown, node: JsonSchema, path: FieldPath, problems: CrdValueProblem[], state: { spent: number; stopped: boolean }): void {
  if (rule.transition || state.stopped) return; // transition rules need the old object, which lint does not have
  const at = [...path, ...rule.fieldPath];
  if (state.spent > OBJECT_BUDGET) {
    state.stopped = true;
    problems.push({ path: at, severity: "warning", message: `${describePath(at)}: the CEL rules of this object spent their budget of ${OBJECT_BUDGET} steps; the remaining rules were not evaluated` });
    return;
  }
  const result = rule.program.evaluate({ self });
  state.spent += result.cost;
  const type = typeof node.type === "string" ? node.type : node["x-kubernetes-int-or-string"] === true ? (typeof self === "bigint" ? "integer" : "string") : "object";
  if (!result.ok) {
    if (result.kind === "budget") problems.push({ path: at, severity: "warning", message: `${describePath(at)}: the CEL rule \`${rule.rule}\` ${result.message}; its verdict is unknown (the API server also stops a rule over its cost limit)` });
    else problems.push({ path: at, severity: "error", message: `${describePath(at)}: Invalid value: ${quote(type)}: ${result.message} evaluating rule: ${rule.rule}` });
    return;
  }
  if (result.value === true) return;
  if (typeof result.value !== "boolean") {
    problems.push({ path: at, severity: "error", message: `${describePath(at)}: Invalid value: ${quote(type)}: rule \`${rule.rule}\` must evaluate to a bool, not ${typeof result.value}` });
    return;
  }
  const message = ruleMessage(rule, self);
  const prefix = describePath(at);
  const text = rule.reason === "FieldValueForbidden" ? `Forbidden: ${message}` : rule.reason === "FieldValueRequired" ? `Required value: ${message}` : rule.reason === "FieldValueDuplicate" ? `Duplicate value: ${message}` : `Invalid value: ${quote(type)}: ${message}`;
  problems.push({ path: at, severity: "error", message: prefix ? `${prefix}: ${text}` : text });
}

/** messageExpression when it gives a non-empty string on one line, else message, else the rule, as the API server does. */
function ruleMessage(rule: CompiledRule, self: unknown): string {
  if (rule.messageExpression) {
    const result = rule.messageExpression.evaluate({ self });
    if (result.ok && typeof result.value === "string" && result.value.trim() !== "" && !/[\r\n]/.test(result.value)) return result.value;
  }
  return rule.message ?? `failed rule: ${rule.rule}`;
}

function listTypeProblems(list: unknown[], node: JsonSchema, path: FieldPath, problems: CrdValueProblem[]): void {
  const listType = node["x-kubernetes-list-type"];
  if (listType !== "set" && listType !== "map") return;
  const keys = listType === "map" && Array.isArray(node["x-kubernetes-list-map-keys"]) ? (node["x-kubernetes-list-map-keys"] as string[]) : undefined;
  if (listType === "map" && !keys) return;
  const seen = new Set<string>();
  list.forEach((item, i) => {
    const identity = keys ? JSON.stringify(Object.fromEntries(keys.map((key) => [key, (item as Record<string, unknown> | null)?.[key] ?? null]))) : JSON.stringify(item);
    const remediation = keys ? `give each item a different ${keys.join(" + ")} (a default counts), or merge the two items` : "remove the repeated item";
    if (seen.has(identity)) problems.push({ path: [...path, i], severity: "error", message: `${describePath([...path, i])}: Duplicate value: ${identity}`, remediation });
    seen.add(identity);
  });
}

/** The API server's way of writing a field path: spec.ports[0].name, metadata.labels[app]. */
export function describePath(path: FieldPath): string {
  return path.map((step, i) => (typeof step === "number" ? `[${step}]` : i === 0 ? step : /^[A-Za-z_][\w-]*$/.test(step) ? `.${step}` : `[${step}]`)).join("");
}

function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}
