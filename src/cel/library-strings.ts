import type { Environment } from "@marcbachmann/cel-js";
import { compilePattern } from "./cost-meter.js";

/**
 * The parts of Kubernetes' strings and regex libraries the engine lacks (it has indexOf,
 * lastIndexOf, lowerAscii, upperAscii, substring, trim, split and join): charAt, replace, reverse,
 * and regex find / findAll on RE2.
 */
export function registerStringsLibrary(env: Environment): void {
  env.registerFunction("string.charAt(int): string", (text: string, index: bigint) => {
    const chars = [...text];
    if (index < 0n || index > BigInt(chars.length)) throw new Error(`charAt: index ${index} out of range`);
    return chars[Number(index)] ?? "";
  });
  env.registerFunction("string.replace(string, string): string", (text: string, from: string, to: string) => text.split(from).join(to));
  env.registerFunction("string.replace(string, string, int): string", (text: string, from: string, to: string, count: bigint) => {
    if (count < 0n) return text.split(from).join(to);
    const parts = text.split(from);
    const n = Number(count);
    return parts.length - 1 <= n ? parts.join(to) : parts.slice(0, n + 1).join(to) + from + parts.slice(n + 1).join(from);
  });
  env.registerFunction("string.format(list<dyn>): string", formatString);
  env.registerFunction("string.reverse(): string", (text: string) => [...text].reverse().join(""));
  env.registerFunction("string.find(string): string", (text: string, pattern: string) => firstMatch(text, pattern));
  env.registerFunction("string.findAll(string): list<string>", (text: string, pattern: string) => allMatches(text, pattern, -1));
  env.registerFunction("string.findAll(string, int): list<string>", (text: string, pattern: string, limit: bigint) => allMatches(text, pattern, Number(limit)));
}

function firstMatch(text: string, pattern: string): string {
  const matcher = compilePattern(pattern).matcher(text);
  return matcher.find() ? (matcher.group() ?? "") : "";
}

function allMatches(text: string, pattern: string, limit: number): string[] {
  const matcher = compilePattern(pattern).matcher(text);
  const out: string[] = [];
  while ((limit < 0 || out.length < limit) && matcher.find()) {
    out.push(matcher.group() ?? "");
    if (out.length > text.length) break;
  }
  return out;
}

/** CEL's string.format: %s %d %f %e %x %X %o %b and %%, with an optional precision (%.2f). */
function formatString(template: string, args: unknown[]): string {
  let next = 0;
  return template.replace(/%(\.\d+)?([sdfexXob%])/g, (_match, precision: string | undefined, verb: string) => {
    if (verb === "%") return "%";
    if (next >= args.length) throw new Error("format: too few arguments for the format string");
    const arg = args[next++];
    const digits = precision ? Number(precision.slice(1)) : 6;
    switch (verb) {
      case "d":
        if (typeof arg !== "bigint") throw new Error("format: %d needs an integer");
        return String(arg);
      case "f":
        return Number(arg).toFixed(digits);
      case "e":
        return Number(arg).toExponential(digits).replace(/e([+-])(\d)$/, "e$10$2");
      case "x":
      case "X": {
        const hex = typeof arg === "string" ? Buffer.from(arg).toString("hex") : BigInt(arg as bigint).toString(16);
        return verb === "X" ? hex.toUpperCase() : hex;
      }
      case "o":
        return BigInt(arg as bigint).toString(8);
      case "b":
        return typeof arg === "boolean" ? String(arg) : BigInt(arg as bigint).toString(2);
      default:
        return typeof arg === "string" ? arg : Array.isArray(arg) ? `[${arg.map(String).join(", ")}]` : String(arg);
    }
  });
}
