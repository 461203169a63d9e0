import type { Environment } from "@marcbachmann/cel-js";

/** A Kubernetes resource quantity ("500m", "1Gi", "2e3") held exactly, as a fraction. */
export class Quantity {
  constructor(
    readonly numerator: bigint,
    readonly denominator: bigint,
    readonly text: string,
  ) {}
}

const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const SYNTAX = /^([+-]?)(\d*)(?:\.(\d*))?(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;
const INT64_MAX = 2n ** 63n - 1n;

/** Parses the API server's quantity syntax; undefined when `text` is not one. */
export function parseQuantity(text: string): Quantity | undefined {
  const match = SYNTAX.exec(text);
  if (!match || text.length > 100) return undefined;
  const [, sign, whole, fraction = "", suffix = ""] = match;
  if (whole === "" && fraction === "") return undefined;
  let numerator = BigInt(`${whole || "0"}${fraction}`) * (sign === "-" ? -1n : 1n);
  let denominator = 10n ** BigInt(fraction.length);
  let exponent = 0;
  if (suffix in BINARY) numerator *= 1024n ** BigInt(BINARY[suffix]);
  else if (suffix in DECIMAL) exponent = DECIMAL[suffix];
  else exponent = Number(suffix.slice(1));
  if (Math.abs(exponent) > 60) return undefined;
  if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
  else denominator *= 10n ** BigInt(-exponent);
  return reduce(numerator, denominator, text);
}

function reduce(numerator: bigint, denominator: bigint, text: string): Quantity {
  const divisor = gcd(numerator < 0n ? -numerator : numerator, denominator);
  return new Quantity(numerator / divisor, denominator / divisor, text);
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

function compare(a: Quantity, b: Quantity): number {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

function sum(a: Quantity, b: Quantity, sign: 1n | -1n): Quantity {
  return reduce(a.numerator * b.denominator + sign * b.numerator * a.denominator, a.denominator * b.denominator, "");
}

const quantity = (text: string): Quantity => {
  const parsed = parseQuantity(text);
  if (!parsed) throw new Error(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': ${JSON.stringify(text)}`);
  return parsed;
};
const fromInt = (value: bigint) => new Quantity(value, 1n, String(value));

/** Kubernetes' quantity library. */
export function registerQuantityLibrary(env: Environment): void {
  env.registerType("kubernetes.Quantity", Quantity);
  env.registerFunction("quantity(string): kubernetes.Quantity", quantity);
  env.registerFunction("isQuantity(string): bool", (text: string) => parseQuantity(text) !== undefined);
  env.registerFunction("kubernetes.Quantity.isInteger(): bool", (q: Quantity) => q.denominator === 1n && q.numerator <= INT64_MAX && q.numerator >= -INT64_MAX - 1n);
  env.registerFunction("kubernetes.Quantity.asInteger(): int", (q: Quantity) => {
    if (q.denominator !== 1n || q.numerator > INT64_MAX || q.numerator < -INT64_MAX - 1n) throw new Error("cannot convert value to integer");
    return q.numerator;
  });
  env.registerFunction("kubernetes.Quantity.asApproximateFloat(): double", (q: Quantity) => Number(q.numerator) / Number(q.denominator));
  env.registerFunction("kubernetes.Quantity.sign(): int", (q: Quantity) => (q.numerator > 0n ? 1n : q.numerator < 0n ? -1n : 0n));
  env.registerFunction("kubernetes.Quantity.compareTo(kubernetes.Quantity): int", (a: Quantity, b: Quantity) => BigInt(compare(a, b)));
  env.registerFunction("kubernetes.Quantity.isGreaterThan(kubernetes.Quantity): bool", (a: Quantity, b: Quantity) => compare(a, b) > 0);
  env.registerFunction("kubernetes.Quantity.isLessThan(kubernetes.Quantity): bool", (a: Quantity, b: Quantity) => compare(a, b) < 0);
  env.registerFunction("kubernetes.Quantity.add(kubernetes.Quantity): kubernetes.Quantity", (a: Quantity, b: Quantity) => sum(a, b, 1n));
  env.registerFunction("kubernetes.Quantity.add(int): kubernetes.Quantity", (a: Quantity, b: bigint) => sum(a, fromInt(b), 1n));
  env.registerFunction("kubernetes.Quantity.sub(kubernetes.Quantity): kubernetes.Quantity", (a: Quantity, b: Quantity) => sum(a, b, -1n));
  env.registerFunction("kubernetes.Quantity.sub(int): kubernetes.Quantity", (a: Quantity, b: bigint) => sum(a, fromInt(b), -1n));
  env.registerOperator("kubernetes.Quantity == kubernetes.Quantity", (a: Quantity, b: Quantity) => compare(a, b) === 0);
}
