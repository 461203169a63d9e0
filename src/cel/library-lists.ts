import type { Environment } from "@marcbachmann/cel-js";
import { compareValues } from "./compare-values.js";

/** Kubernetes' lists library: isSorted, sum, min, max, indexOf, lastIndexOf. */
export function registerListsLibrary(env: Environment): void {
  env.registerFunction("list<dyn>.isSorted(): bool", (list: unknown[]) => list.every((item, i) => i === 0 || compareValues(list[i - 1], item) <= 0));
  env.registerFunction("list<dyn>.sum(): dyn", (list: unknown[]) => {
    if (list.length === 0) return 0n;
    return list.reduce((total, item) => add(total, item));
  });
  env.registerFunction("list<dyn>.min(): dyn", (list: unknown[]) => extreme(list, -1, "min"));
  env.registerFunction("list<dyn>.max(): dyn", (list: unknown[]) => extreme(list, 1, "max"));
  env.registerFunction("list<dyn>.indexOf(dyn): int", (list: unknown[], value: unknown) => BigInt(list.findIndex((item) => compareValues(item, value) === 0)));
  env.registerFunction("list<dyn>.lastIndexOf(dyn): int", (list: unknown[], value: unknown) => {
    for (let i = list.length - 1; i >= 0; i--) if (compareValues(list[i], value) === 0) return BigInt(i);
    return -1n;
  });
}

function add(a: unknown, b: unknown): unknown {
  if (typeof a === "bigint" && typeof b === "bigint") return a + b;
  if (typeof a === "number" && typeof b === "number") return a + b;
  throw new Error(`sum() needs a list of ints or of doubles, got ${typeof a} and ${typeof b}`);
}

function extreme(list: unknown[], direction: 1 | -1, name: string): unknown {
  if (list.length === 0) throw new Error(`${name}() called on an empty list`);
  return list.reduce((best, item) => (compareValues(item, best) * direction > 0 ? item : best));
}
