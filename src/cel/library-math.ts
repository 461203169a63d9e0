import type { Environment } from "@marcbachmann/cel-js";
import { compareValues } from "./compare-values.js";

class MathNamespace {}

/** CEL's math extension as Kubernetes enables it: greatest, least, rounding, abs, sign, float tests. */
export function registerMathLibrary(env: Environment): void {
  env.registerType("MathNamespace", MathNamespace);
  env.registerConstant("math", "MathNamespace", new MathNamespace());
  const pick = (values: unknown[], direction: 1 | -1) => {
    if (values.length === 0) throw new Error("math.greatest/least need at least one value");
    return values.reduce((best, value) => (compareValues(value, best) * direction > 0 ? value : best));
  };
  for (const [name, direction] of [["greatest", 1], ["least", -1]] as const) {
    for (let arity = 1; arity <= 4; arity++) {
      env.registerFunction(`MathNamespace.${name}(${Array<string>(arity).fill("dyn").join(", ")}): dyn`, (_: unknown, ...values: unknown[]) => pick(values.flat(), direction));
    }
  }
  env.registerFunction("MathNamespace.ceil(double): double", (_: unknown, x: number) => Math.ceil(x));
  env.registerFunction("MathNamespace.floor(double): double", (_: unknown, x: number) => Math.floor(x));
  env.registerFunction("MathNamespace.round(double): double", (_: unknown, x: number) => Math.sign(x) * Math.round(Math.abs(x)));
  env.registerFunction("MathNamespace.trunc(double): double", (_: unknown, x: number) => Math.trunc(x));
  env.registerFunction("MathNamespace.abs(int): int", (_: unknown, x: bigint) => (x < 0n ? -x : x));
  env.registerFunction("MathNamespace.abs(double): double", (_: unknown, x: number) => Math.abs(x));
  env.registerFunction("MathNamespace.sign(int): int", (_: unknown, x: bigint) => (x > 0n ? 1n : x < 0n ? -1n : 0n));
  env.registerFunction("MathNamespace.sign(double): double", (_: unknown, x: number) => Math.sign(x));
  env.registerFunction("MathNamespace.isInf(double): bool", (_: unknown, x: number) => x === Infinity || x === -Infinity);
  env.registerFunction("MathNamespace.isNaN(double): bool", (_: unknown, x: number) => Number.isNaN(x));
  env.registerFunction("MathNamespace.isFinite(double): bool", (_: unknown, x: number) => Number.isFinite(x));
}
