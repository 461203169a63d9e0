import { RE2JS } from "re2js";

interface RegExpLike {
  test(input: string): boolean;
  toString(): string;
}

/**
 * ajv's `code.regExp` engine for schemas that come from pull requests (CRDs, blueprint values
 * schemas): RE2, which matches in linear time, so a pattern like `^(a+)+$` cannot stall a CI job
 * on a long value. It is also what the API server uses (Go's regexp) for CRD `pattern`s, so a
 * pattern RE2 refuses (look-ahead, back-references) is one the API server refuses too.
 */
export const linearRegExp = Object.assign(
  (pattern: string): RegExpLike => {
    const compiled = compiledPattern(pattern);
    // ajv keys compiled patterns by toString(): it must differ per pattern.
    return { test: (input: string) => compiled.test(input), toString: () => `/${pattern}/re2` };
  },
  { code: "linearRegExp" },
);

/** Why RE2 cannot compile `pattern`, or undefined when it can. */
export function linearPatternProblem(pattern: string): string | undefined {
  try {
    compiledPattern(pattern);
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^error parsing regexp: /, "");
  }
}

type Compiled = ReturnType<typeof RE2JS.compile>;
const compiledPatterns = new Map<string, Compiled | Error>();

/**
 * RE2JS.compile, once per pattern for the process (a compiled pattern keeps no match state):
 * CRDs repeat the same patterns (host names, label keys) hundreds of times, and the crd-schema
 * check and ajv both compile each one. Throws RE2's error for a pattern it refuses, every time.
 */
function compiledPattern(pattern: string): Compiled {
  let compiled = compiledPatterns.get(pattern);
  if (compiled === undefined) {
    try {
      compiled = RE2JS.compile(pattern);
    } catch (error) {
      compiled = error instanceof Error ? error : new Error(String(error));
    }
    compiledPatterns.set(pattern, compiled);
  }
  if (compiled instanceof Error) throw compiled;
  return compiled;
}
