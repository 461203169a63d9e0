import type { Environment } from "@marcbachmann/cel-js";
import { loadedEngine } from "./engine.js";
import { compareValues } from "./compare-values.js";

class ListsNamespace {}

/**
 * Kubernetes' lists library (isSorted, sum, min, max, indexOf, lastIndexOf) and CEL's lists
 * extension (distinct, flatten, reverse, slice, sort, first, last, lists.range).
 */
export function registerListsLibrary(env: Environment): void {
  env.registerType("ListsNamespace", ListsNamespace);
  env.registerConstant("lists", "ListsNamespace", new ListsNamespace());
  env.registerFunction("ListsNamespace.range(int): list<int>", (_: unknown, n: bigint) => {
    if (n > 100_000n) throw new Error("lists.range: at most 100000 elements");
    return Array.from({ length: Math.max(0, Number(n)) }, (_v, i) => BigInt(i));
  });
  env.registerFunction("list<dyn>.distinct(): list<dyn>", (list: unknown[]) => list.filter((item, i) => list.findIndex((other) => compareValues(other, item) === 0) === i));
  env.registerFunction("list<dyn>.flatten(): list<dyn>", (list: unknown[]) => list.flatMap((item) => (Array.isArray(item) ? item : [item])));
  env.registerFunction("list<dyn>.reverse(): list<dyn>", (list: unknown[]) => [...list].reverse());
  env.registerFunction("list<dyn>.slice(int, int): list<dyn>", (list: unknown[], from: bigint, to: bigint) => {
    if (from < 0n || to < from || to > BigInt(list.length)) throw new Error(`slice(${from}, ${to}) out of range for a list of ${list.length}`);
    return list.slice(Number(from), Number(to));
  });
  env.registerFunction("list<dyn>.sort(): list<dyn>", (list: unknown[]) => [...list].sort(compareValues));
  env.registerFunction("list<dyn>.first(): optional<dyn>", (list: unknown[]) => loadedEngine().Optional.of(list[0]));
  env.registerFunction("list<dyn>.last(): optional<dyn>", (list: unknown[]) => loadedEngine().Optional.of(list[list.length - 1]));
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
