import { DEFAULT_BUDGET, type CelProgram, type CelResult } from "../cel/cel-program.js";
import type { FieldPath } from "../resources/resource.js";
import type { CompiledPolicy } from "./admission-compile.js";

/** The variables of one admission request, as the API server builds them for a CREATE. */
export interface RequestVariables {
  object: unknown;
  request: Record<string, unknown>;
  namespaceObject: unknown;
}

/** What all expressions of one policy may spend on one request (as the API server's per-request CEL budget): ten expressions' worth. */
export const REQUEST_BUDGET = DEFAULT_BUDGET.cost * 10;

/** Why the request would be refused (or warned about): the text after "denied request: ". */
export interface PolicyFailure {
  message: string;
  /** The field of the object the failing expression reads, for the finding's position. */
  path: FieldPath;
  reason?: string;
  /** An evaluation error or an exhausted budget (with failurePolicy Fail), not a validation that was false. */
  evaluationError?: true;
}

/**
 * Evaluates a compiled policy for one request and one params value: matchConditions (all must
 * be true), then each validation, with variables evaluated when first used. Evaluation errors
 * (a budget overrun included) deny under failurePolicy Fail and are ignored under Ignore.
 */
export function evaluatePolicy(policy: CompiledPolicy, request: RequestVariables, params: unknown): PolicyFailure[] {
  const failures: PolicyFailure[] = [];
  const variables: Record<string, unknown> = {};
  const values: Record<string, unknown> = { ...request, oldObject: null, params, variables, authorizer: null };
  const spent = { cost: 0 };
  // Each run gets what is left of the request's budget, at most one expression's.
  const run = (program: CelProgram): CelResult => {
    const result = program.evaluate(values, { ...DEFAULT_BUDGET, cost: Math.max(0, Math.min(DEFAULT_BUDGET.cost, REQUEST_BUDGET - spent.cost)) });
    spent.cost += result.cost;
    if (!result.ok && result.kind === "budget" && spent.cost >= REQUEST_BUDGET) return { ...result, message: `was stopped: the expressions of this policy spent the request's budget of ${REQUEST_BUDGET} steps` };
    return result;
  };
  for (const variable of policy.variables) defineLazy(variables, variable.name, variable.program, run);
  const failed = (result: Extract<CelResult, { ok: false }>, what: string, path: FieldPath) => {
    if (policy.failurePolicy === "Ignore") return;
    const message = result.kind === "budget" ? `${what} ${result.message}` : `${what} resulted in error: ${result.message}`;
    failures.push({ message, path, evaluationError: true });
  };
  for (const condition of policy.matchConditions) {
    const result = run(condition.program);
    if (!result.ok) {
      failed(result, `matchCondition '${condition.name}'`, failurePath(condition.program, policy, request.object));
      return failures;
    }
    if (result.value !== true) {
      if (typeof result.value !== "boolean") failed({ ok: false, kind: "error", message: "the expression must evaluate to a bool", cost: result.cost }, `matchCondition '${condition.name}'`, []);
      return failures;
    }
  }
  for (const validation of policy.validations) {
    const result = run(validation.program);
    const path = failurePath(validation.program, policy, request.object);
    if (!result.ok) {
      failed(result, `expression '${validation.program.expression}'`, path);
      if (spent.cost >= REQUEST_BUDGET) break; // as on the API server, the rest of the policy is not evaluated
      continue;
    }
    if (result.value === true) continue;
    if (typeof result.value !== "boolean") {
      failed({ ok: false, kind: "error", message: `must evaluate to a bool, not ${typeof result.value}`, cost: result.cost }, `expression '${validation.program.expression}'`, path);
      continue;
    }
    let message = validation.message ?? `failed expression: ${validation.program.expression}`;
    if (validation.messageExpression) {
      const text = run(validation.messageExpression);
      // As the API server does: a messageExpression that fails or gives no usable string falls back to message.
      if (text.ok && typeof text.value === "string" && text.value.trim() !== "" && !/[\r\n]/.test(text.value)) message = text.value;
    }
    const at = failurePath(validation.program, policy, request.object, message);
    failures.push(validation.reason ? { message, path: at, reason: validation.reason } : { message, path: at });
  }
  return failures;
}

/** `variables.name`, evaluated on first read and kept; an error is thrown to each expression that reads it. */
function defineLazy(variables: Record<string, unknown>, name: string, program: CelProgram, run: (program: CelProgram) => CelResult): void {
  let result: CelResult | undefined;
  Object.defineProperty(variables, name, {
    enumerable: true,
    get() {
      result ??= run(program);
      if (result.ok) return result.value;
      throw new Error(`variables.${name}: ${result.message}`);
    },
  });
}

/**
 * The field a failure is about: the deepest field of the object that the expression selects,
 * directly or through the variables it reads (`object.spec.replicas` -> spec.replicas), that the
 * object has. When that is a mapping or list, the field inside it whose text the message quotes
 * (an image named in the message, say), so the finding lands on the value to change.
 */
function failurePath(program: CelProgram, policy: CompiledPolicy, object: unknown, message?: string): FieldPath {
  const programs = [program];
  const seen = new Set<string>();
  for (let i = 0; i < programs.length; i++) {
    for (const selection of programs[i].selections) {
      const name = selection.variable === "variables" ? selection.path[0] : undefined;
      if (name === undefined || seen.has(name)) continue;
      seen.add(name);
      const variable = policy.variables.find((entry) => entry.name === name);
      if (variable) programs.push(variable.program);
    }
  }
  let best: readonly string[] = [];
  for (const { selections } of programs) {
    for (const selection of selections) if (selection.variable === "object" && selection.path.length > best.length && valueAt(object, selection.path) !== undefined) best = selection.path;
  }
  const quoted = message === undefined ? undefined : quotedField(valueAt(object, best), message);
  return quoted ? [...best, ...quoted] : best;
}

function valueAt(value: unknown, path: readonly string[]): unknown {
  let node = value;
  for (const step of path) {
    if (!node || typeof node !== "object" || Array.isArray(node) || !Object.hasOwn(node, step)) return undefined;
    node = (node as Record<string, unknown>)[step];
  }
  return node;
}

/** The longest string field (3 characters or more) under `value` that `message` contains (the first of equals, breadth first), within a bound. */
function quotedField(value: unknown, message: string): (string | number)[] | undefined {
  if (!value || typeof value !== "object") return undefined;
  const queue: { node: unknown; path: (string | number)[] }[] = [{ node: value, path: [] }];
  let best: { length: number; path: (string | number)[] } | undefined;
  for (let visited = 0; visited < queue.length && visited < 5_000; visited++) {
    const { node, path } = queue[visited];
    if (typeof node === "string" && node.length >= 3 && node.length > (best?.length ?? 0) && message.includes(node)) best = { length: node.length, path };
    if (Array.isArray(node)) node.forEach((item, index) => queue.push({ node: item, path: [...path, index] }));
    else if (node && typeof node === "object") for (const [key, item] of Object.entries(node)) queue.push({ node: item, path: [...path, key] });
  }
  return best?.path;
}
