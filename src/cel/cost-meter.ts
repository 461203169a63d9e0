import { RE2JS } from "re2js";

/** Thrown inside an evaluation when its budget is spent; caught by the program that set it. */
export class CostExceeded extends Error {
  constructor(readonly kind: "cost" | "time") {
    super(kind === "cost" ? "cost budget exceeded" : "time budget exceeded");
  }
}

/** What one evaluation may spend: CEL steps and wall-clock time. */
export interface Budget {
  /** Steps: one per evaluated expression node, plus the size of each string or list an operation builds. */
  cost: number;
  /** Milliseconds; a second line of defence behind `cost`. */
  timeMs: number;
}

/** Counts the cost of the evaluation in progress; evaluation is synchronous, so one meter per program suffices. */
export class CostMeter {
  used = 0;
  private limit = Infinity;
  private deadline = Infinity;
  private ticks = 0;

  start(budget: Budget): void {
    this.used = 0;
    this.ticks = 0;
    this.limit = budget.cost;
    this.deadline = Date.now() + budget.timeMs;
  }

  charge(amount: number): void {
    this.used += amount;
    if (this.used > this.limit) throw new CostExceeded("cost");
    // Reading the clock on every step would cost more than the step.
    if ((++this.ticks & 1023) === 0 && Date.now() > this.deadline) throw new CostExceeded("time");
  }
}

type Evaluate = (this: unknown, evaluator: unknown, ast: unknown, context: unknown) => unknown;

export interface AstNode {
  op: string;
  args: unknown;
  meta: { evaluate: Evaluate; alternate?: AstNode; macro?: { evaluate: Evaluate } };
  receiverWithArgs?: AstNode[];
  evaluate: Evaluate;
}

interface Evaluator {
  run(node: AstNode, context: unknown): unknown;
}

/** Operations that build a new value, whose size is charged: `+`, calls, comprehensions. */
const BUILDERS = new Set(["+", "call", "rcall", "comprehension"]);

/**
 * Makes every node of a checked @marcbachmann/cel-js expression charge `meter` when it runs, and
 * runs `matches()` on RE2. The library has no cost limit of its own and its `matches()` uses
 * JavaScript's backtracking engine, so a hostile rule could otherwise hang lint. This reaches into
 * the library's expression tree (nodes with `op`, `args`, `meta`, and an `evaluate` hook): the
 * package version is pinned and test/cel checks both effects, so an upgrade that changes the tree
 * fails the tests instead of silently removing the bounds.
 */
export function instrumentProgram(root: unknown, meter: CostMeter): void {
  forEachNode(root, (node) => instrumentNode(node, meter));
}

/** Every expression node under `root`, each once: operands, macro expansions, comprehension parts. */
export function forEachNode(root: unknown, visitNode: (node: AstNode) => void): void {
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== "object" || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) return value.forEach(visit);
    if (isNode(value)) {
      visitNode(value);
      visit(value.args);
      visit(value.meta.alternate);
      visit(value.meta.macro);
      return;
    }
    if (Object.getPrototypeOf(value) === Object.prototype) for (const child of Object.values(value)) visit(child);
  };
  visit(root);
}

function isNode(value: object): value is AstNode {
  const node = value as Partial<AstNode>;
  return typeof node.op === "string" && "args" in node && typeof node.meta === "object" && node.meta !== null && typeof node.meta.evaluate === "function";
}

function instrumentNode(node: AstNode, meter: CostMeter): void {
  const meta = node.meta;
  let inner: Evaluate;
  if (isMatches(node)) inner = (evaluator, _ast, context) => matchesRe2(evaluator as Evaluator, node.receiverWithArgs!, context, meter);
  else if (meta.alternate) {
    const alternate = meta.alternate;
    inner = (evaluator, _ast, context) => alternate.evaluate(evaluator, alternate, context);
  } else if (meta.macro) {
    const macro = meta.macro;
    inner = (evaluator, _ast, context) => macro.evaluate(evaluator, macro, context);
  } else inner = meta.evaluate;
  const builds = BUILDERS.has(node.op);
  node.evaluate = function (evaluator, ast, context) {
    meter.charge(1);
    const result = inner.call(node, evaluator, ast, context);
    if (builds) meter.charge(sizeOf(result));
    return result;
  };
}

function isMatches(node: AstNode): boolean {
  return node.op === "rcall" && Array.isArray(node.args) && node.args[0] === "matches" && node.receiverWithArgs?.length === 2;
}

const patterns = new Map<string, RE2JS>();

function matchesRe2(evaluator: Evaluator, operands: AstNode[], context: unknown, meter: CostMeter): boolean {
  const text = evaluator.run(operands[0], context);
  const pattern = evaluator.run(operands[1], context);
  if (typeof text !== "string" || typeof pattern !== "string") throw new Error("matches() needs a string and a pattern string");
  meter.charge(text.length / 8 + pattern.length);
  return compilePattern(pattern).matcher(text).find();
}

/** RE2 patterns, compiled once per process; an invalid one is an evaluation error, as in the API server. */
export function compilePattern(pattern: string): RE2JS {
  let compiled = patterns.get(pattern);
  if (!compiled) {
    try {
      compiled = RE2JS.compile(pattern);
    } catch (error) {
      throw new Error(`invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message.replace(/^error parsing regexp: /, "")}`);
    }
    if (patterns.size > 500) patterns.clear();
    patterns.set(pattern, compiled);
  }
  return compiled;
}

function sizeOf(value: unknown): number {
  if (typeof value === "string") return value.length / 8;
  if (Array.isArray(value)) return value.length;
  return 0;
}
