import type { CelProgram, CelResult } from "../cel/cel-program.js";
import type { FieldPath } from "../resources/resource.js";
import type { CompiledPolicy } from "./admission-compile.js";

/** The variables of one admission request, as the API server builds them for a CREATE. */
export interface RequestVariables {
  object: unknown;
  request: Record<string, unknown>;
  namespaceObject: unknown;
}

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
  for (const variable of policy.variables) defineLazy(variables, variable.name, variable.program, values);
  const failed = (result: Extract<CelResult, { ok: false }>, what: string, path: FieldPath) => {
    if (policy.failurePolicy === "Ignore") return;
    const message = result.kind === "budget" ? `${what} ${result.message}` : `${what} resulted in error: ${result.message}`;
    failures.push({ message, path, evaluationError: true });
  };
  for (const condition of policy.matchConditions) {
    const result = condition.program.evaluate(values);
    if (!result.ok) {
      failed(result, `matchCondition '${condition.name}'`, objectPath(condition.program));
      return failures;
    }
    if (result.value !== true) {
      if (typeof result.value !== "boolean") failed({ ok: false, kind: "error", message: "the expression must evaluate to a bool", cost: result.cost }, `matchCondition '${condition.name}'`, []);
      return failures;
    }
  }
  for (const validation of policy.validations) {
    const result = validation.program.evaluate(values);
    const path = objectPath(validation.program);
    if (!result.ok) {
      failed(result, `expression '${validation.program.expression}'`, path);
      continue;
    }
    if (result.value === true) continue;
    if (typeof result.value !== "boolean") {
      failed({ ok: false, kind: "error", message: `must evaluate to a bool, not ${typeof result.value}`, cost: result.cost }, `expression '${validation.program.expression}'`, path);
      continue;
    }
    let message = validation.message ?? `failed expression: ${validation.program.expression}`;
    if (validation.messageExpression) {
      const text = validation.messageExpression.evaluate(values);
      // As the API server does: a messageExpression that fails or gives no usable string falls back to message.
      if (text.ok && typeof text.value === "string" && text.value.trim() !== "" && !/[\r\n]/.test(text.value)) message = text.value;
    }
    failures.push(validation.reason ? { message, path, reason: validation.reason } : { message, path });
  }
  return failures;
}

/** `variables.name`, evaluated on first read and kept; an error is thrown to each expression that reads it. */
function defineLazy(variables: Record<string, unknown>, name: string, program: CelProgram, values: Record<string, unknown>): void {
  let result: CelResult | undefined;
  Object.defineProperty(variables, name, {
    enumerable: true,
    get() {
      result ??= program.evaluate(values);
      if (result.ok) return result.value;
      throw new Error(`variables.${name}: ${result.message}`);
    },
  });
}

/** The deepest field of `object` the expression selects (`object.spec.replicas` -> spec.replicas), or the object. */
function objectPath(program: CelProgram): FieldPath {
  let best: readonly string[] = [];
  for (const selection of program.selections) if (selection.variable === "object" && selection.path.length > best.length) best = selection.path;
  return best;
}
