import type { Environment } from "@marcbachmann/cel-js";
import { celUnavailable, loadedEngine } from "./engine.js";
import { CostExceeded, CostMeter, forEachNode, instrumentProgram, type Budget } from "./cost-meter.js";
import { registerKubernetesLibrary } from "./kubernetes-library.js";

export type { Budget } from "./cost-meter.js";

/** The API server's per-expression limits, in kforge's own cost units (one per evaluated node). */
export const DEFAULT_BUDGET: Budget = { cost: 1_000_000, timeMs: 1_000 };
/** Longer expressions are refused before parsing; the API server caps a rule at a similar size. */
export const MAX_EXPRESSION_LENGTH = 10_000;

/** Why an expression does not compile, with the offset (0-based, in the expression) it points at. */
export interface CelCompileError {
  message: string;
  offset?: number;
  /**
   * Valid CEL that this engine cannot compile (has() over an indexed operand, as in
   * `has(self[0].x)`), or no engine on this Node.js: not the author's mistake, so callers should
   * skip the expression, not report it.
   */
  unsupported?: true;
}

export interface FieldSelection {
  variable: string;
  path: readonly string[];
}

/** The outcome of one evaluation: plain data, never thrown. */
export type CelResult =
  | { ok: true; value: unknown; cost: number }
  | { ok: false; kind: "error"; message: string; cost: number }
  | { ok: false; kind: "budget"; message: string; cost: number };

/** A compiled expression: evaluate it as often as needed, each run within its own budget. */
export interface CelProgram {
  expression: string;
  /** The variables the expression refers to (e.g. to skip transition rules that use `oldSelf`). */
  references: ReadonlySet<string>;
  /** Field selections on a variable, `self.spec.replicas` -> {variable: "self", path: ["spec", "replicas"]}, prefixes included. */
  selections: readonly FieldSelection[];
  evaluate(variables: Record<string, unknown>, budget?: Budget): CelResult;
}

const environments = new Map<string, Environment>();

/** One engine environment per set of variable names, shared by every expression compiled with it. */
function environmentFor(variables: readonly string[]): Environment {
  const key = [...variables].sort().join(",");
  let env = environments.get(key);
  if (!env) {
    env = new (loadedEngine().Environment)({ enableOptionalTypes: true, homogeneousAggregateLiterals: false, limits: { maxAstNodes: 5_000, maxDepth: 100, maxListElements: 1_000, maxMapEntries: 1_000, maxCallArguments: 32 } });
    registerKubernetesLibrary(env);
    for (const name of variables) env.registerVariable(name, "dyn");
    environments.set(key, env);
  }
  return env;
}

/**
 * Compiles a CEL expression over the given variables (all of type dyn) with the Kubernetes
 * libraries: a syntax or type error (unknown function, wrong argument types) is returned, not thrown.
 */
export function compileCel(expression: string, variables: readonly string[]): { ok: true; program: CelProgram } | { ok: false; error: CelCompileError } {
  const unavailable = celUnavailable();
  if (unavailable) return { ok: false, error: { message: unavailable, unsupported: true } };
  if (expression.length > MAX_EXPRESSION_LENGTH) return { ok: false, error: { message: `the expression is ${expression.length} characters long; at most ${MAX_EXPRESSION_LENGTH} are compiled` } };
  const env = environmentFor(variables);
  let parsed: ReturnType<Environment["parse"]>;
  try {
    parsed = env.parse(expression);
  } catch (error) {
    return { ok: false, error: compileError(error, expression) };
  }
  const checked = parsed.check();
  if (!checked.valid) return { ok: false, error: compileError(checked.error, expression) };
  const meter = new CostMeter();
  instrumentProgram(parsed.ast, meter);
  const references = referencedNames(parsed.ast, new Set(variables));
  const program: CelProgram = {
    expression,
    references,
    selections: fieldSelections(parsed.ast, new Set(variables)),
    evaluate(values, budget = DEFAULT_BUDGET) {
      meter.start(budget);
      try {
        const value: unknown = parsed(values);
        return { ok: true, value, cost: meter.used };
      } catch (error) {
        if (error instanceof CostExceeded) {
          const message = error.kind === "cost" ? `exceeded its cost budget of ${budget.cost} steps and was stopped` : `ran longer than ${budget.timeMs} ms and was stopped`;
          return { ok: false, kind: "budget", message, cost: meter.used };
        }
        if (error instanceof RangeError) return { ok: false, kind: "budget", message: `was stopped: ${error.message}`, cost: meter.used };
        return { ok: false, kind: "error", message: summary(error), cost: meter.used };
      }
    },
  };
  return { ok: true, program };
}

function compileError(error: unknown, expression: string): CelCompileError {
  const { range, code } = error as { range?: { start?: number; end?: number }; code?: string };
  const message = summary(error);
  if (isEngineGap(expression, message)) return typeof range?.start === "number" ? { message, offset: range.start, unsupported: true } : { message, unsupported: true };
  if (typeof range?.start !== "number") return { message };
  // The engine's has() only takes a.b.c chains from an identifier; CEL allows any operand
  // (`has(self[0].x)`). The error then points at that operand, which a `.field` follows.
  if (code === "invalid_macro_argument" && message.startsWith("has()") && typeof range.end === "number" && /^\s*\.\s*[A-Za-z_]/.test(expression.slice(range.end))) {
    return { message, offset: range.start, unsupported: true };
  }
  return { message, offset: range.start };
}

/** `a.b.c` chains (plain or optional `.?` selection) that start at a declared variable. */
function fieldSelections(ast: unknown, variables: Set<string>): FieldSelection[] {
  const found = new Map<string, FieldSelection>();
  forEachNode(ast, (node) => {
    if (node.op !== "." && node.op !== ".?") return;
    const path: string[] = [];
    let current: unknown = node;
    for (;;) {
      const step = current as { op?: string; args?: unknown };
      if ((step.op === "." || step.op === ".?") && Array.isArray(step.args) && typeof step.args[1] === "string") {
        path.unshift(step.args[1]);
        current = step.args[0];
      } else break;
    }
    const root = current as { op?: string; args?: unknown };
    if (root.op === "id" && typeof root.args === "string" && variables.has(root.args)) found.set(`${root.args}.${path.join(".")}`, { variable: root.args, path });
  });
  return [...found.values()];
}

/** Two-variable comprehensions and the transform macros (Kubernetes 1.33+), which the engine lacks. */
const TWO_VARIABLE_MACRO = /\.(all|exists|exists_one|existsOne|transformList|transformMap|transformMapEntry)\(\s*[A-Za-z_]\w*\s*,\s*[A-Za-z_]\w*\s*,|\.existsOne\(/;
/** Kubernetes functions kforge does not provide yet: such a rule is skipped, not reported. */
const MISSING_FUNCTIONS = /found no matching overload for '[^']*\b(isCanonical|ofNonZeroValue|sortBy)\(/;

function isEngineGap(expression: string, message: string): boolean {
  return (message.startsWith("Unknown variable: ") && TWO_VARIABLE_MACRO.test(expression)) || MISSING_FUNCTIONS.test(message);
}

/** The engine's one-line summary (its `message` adds a source excerpt over several lines). */
function summary(error: unknown): string {
  const e = error as { summary?: string; message?: string };
  return (e.summary ?? e.message ?? String(error)).split("\n")[0];
}

function referencedNames(ast: unknown, variables: Set<string>): Set<string> {
  const found = new Set<string>();
  forEachNode(ast, (node) => {
    if (node.op === "id" && typeof node.args === "string" && variables.has(node.args)) found.add(node.args);
  });
  return found;
}
