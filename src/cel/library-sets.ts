import type { Environment } from "@marcbachmann/cel-js";
import { compareValues } from "./compare-values.js";

/** The `sets` namespace object (a constant, as CEL namespaces are modelled by the engine). */
class SetsNamespace {}

const has = (list: unknown[], value: unknown) => list.some((item) => compareValues(item, value) === 0);

/** Kubernetes' sets library: sets.contains, sets.equivalent, sets.intersects. */
export function registerSetsLibrary(env: Environment): void {
  env.registerType("SetsNamespace", SetsNamespace);
  env.registerConstant("sets", "SetsNamespace", new SetsNamespace());
  env.registerFunction("SetsNamespace.contains(list<dyn>, list<dyn>): bool", (_: unknown, a: unknown[], b: unknown[]) => b.every((item) => has(a, item)));
  env.registerFunction("SetsNamespace.equivalent(list<dyn>, list<dyn>): bool", (_: unknown, a: unknown[], b: unknown[]) => b.every((item) => has(a, item)) && a.every((item) => has(b, item)));
  env.registerFunction("SetsNamespace.intersects(list<dyn>, list<dyn>): bool", (_: unknown, a: unknown[], b: unknown[]) => b.some((item) => has(a, item)));
}
