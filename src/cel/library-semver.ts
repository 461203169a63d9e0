import type { Environment } from "@marcbachmann/cel-js";

/** A semantic version (semver.org 2.0.0). */
export class Semver {
  constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    readonly prerelease: string[],
  ) {}
}

const NUMBER = "(0|[1-9]\\d*)";
const IDENT = "(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)";
const STRICT = new RegExp(`^${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-(${IDENT}(?:\\.${IDENT})*))?(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$`);

/** Strict semver; with `normalize`, a leading "v" and missing minor/patch ("v1.2") are accepted, as Kubernetes' isSemver(s, true) does. */
export function parseSemver(text: string, normalize = false): Semver | undefined {
  if (text.length > 256) return undefined;
  let candidate = text;
  if (normalize) {
    candidate = candidate.replace(/^v/, "");
    const core = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(.*)$/.exec(candidate);
    if (core) candidate = `${Number(core[1])}.${Number(core[2] ?? 0)}.${Number(core[3] ?? 0)}${core[4]}`;
  }
  const match = STRICT.exec(candidate);
  if (!match) return undefined;
  return new Semver(BigInt(match[1]), BigInt(match[2]), BigInt(match[3]), match[4] ? match[4].split(".") : []);
}

/** semver.org precedence: numbers, then a version with a pre-release is lower, then identifier by identifier. */
function compare(a: Semver, b: Semver): number {
  for (const key of ["major", "minor", "patch"] as const) if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    if (a.prerelease.length === b.prerelease.length) return 0;
    return a.prerelease.length === 0 ? 1 : -1;
  }
  for (let i = 0; i < Math.min(a.prerelease.length, b.prerelease.length); i++) {
    const [x, y] = [a.prerelease[i], b.prerelease[i]];
    if (x === y) continue;
    const [nx, ny] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    if (nx && ny) return BigInt(x) < BigInt(y) ? -1 : 1;
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return Math.sign(a.prerelease.length - b.prerelease.length);
}

const semver = (text: string, normalize = false): Semver => {
  const parsed = parseSemver(text, normalize);
  if (!parsed) throw new Error(`invalid semver ${JSON.stringify(text)}`);
  return parsed;
};

/** Kubernetes' semver library. */
export function registerSemverLibrary(env: Environment): void {
  env.registerType("kubernetes.Semver", Semver);
  env.registerFunction("semver(string): kubernetes.Semver", (text: string) => semver(text));
  env.registerFunction("semver(string, bool): kubernetes.Semver", (text: string, normalize: boolean) => semver(text, normalize));
  env.registerFunction("isSemver(string): bool", (text: string) => parseSemver(text) !== undefined);
  env.registerFunction("isSemver(string, bool): bool", (text: string, normalize: boolean) => parseSemver(text, normalize) !== undefined);
  env.registerFunction("kubernetes.Semver.major(): int", (v: Semver) => v.major);
  env.registerFunction("kubernetes.Semver.minor(): int", (v: Semver) => v.minor);
  env.registerFunction("kubernetes.Semver.patch(): int", (v: Semver) => v.patch);
  env.registerFunction("kubernetes.Semver.compareTo(kubernetes.Semver): int", (a: Semver, b: Semver) => BigInt(compare(a, b)));
  env.registerFunction("kubernetes.Semver.isGreaterThan(kubernetes.Semver): bool", (a: Semver, b: Semver) => compare(a, b) > 0);
  env.registerFunction("kubernetes.Semver.isLessThan(kubernetes.Semver): bool", (a: Semver, b: Semver) => compare(a, b) < 0);
  env.registerOperator("kubernetes.Semver == kubernetes.Semver", (a: Semver, b: Semver) => compare(a, b) === 0);
}
