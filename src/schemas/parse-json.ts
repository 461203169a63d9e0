import { ImportError } from "./import-error.js";

/**
 * JSON.parse with the place of a syntax error: "<label>:3:14: not JSON: ...". `label` names the
 * file, or the command that printed the text.
 */
export function parseJson(text: string, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    if (text.trim() === "") throw new ImportError(`${label}: not JSON: it is empty`);
    const problem = firstSyntaxError(text);
    const at = lineColumn(text, problem.offset);
    throw new ImportError(`${label}:${at.line}:${at.column}: not JSON: ${problem.message}`);
  }
}

interface SyntaxProblem {
  offset: number;
  message: string;
}

/** Where JSON text first goes wrong (JSON.parse of Node 20 does not say where). */
export function firstSyntaxError(text: string): SyntaxProblem {
  let i = 0;
  const fail = (message: string): never => {
    throw { offset: i, message } satisfies SyntaxProblem;
  };
  const space = () => {
    while (i < text.length && " \t\r\n".includes(text[i])) i++;
  };
  const describe = () => (i >= text.length ? "the text ends too early" : `unexpected ${JSON.stringify(text[i])}`);
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\\") i++;
      else if (text.charCodeAt(i) < 0x20) fail("a control character inside a string");
      i++;
    }
    if (i >= text.length) fail("a string is not closed");
    i++;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === "{") {
      i++;
      space();
      if (text[i] === "}") return void i++;
      for (;;) {
        space();
        if (text[i] !== '"') fail(`${describe()} where a property name in double quotes belongs`);
        string();
        space();
        if (text[i] !== ":") fail(`${describe()} where ":" belongs`);
        i++;
        value();
        space();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return void i++;
        else fail(`${describe()} where "," or "}" belongs`);
      }
    }
    if (c === "[") {
      i++;
      space();
      if (text[i] === "]") return void i++;
      for (;;) {
        value();
        space();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else fail(`${describe()} where "," or "]" belongs`);
      }
    }
    if (c === '"') return string();
    const literal = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!literal) fail(`${describe()} where a value belongs`);
    i += literal![0].length;
  };
  try {
    value();
    space();
    if (i < text.length) fail(`${describe()} after the end of the document`);
  } catch (problem) {
    if (typeof problem === "object" && problem !== null && "offset" in problem) return problem as SyntaxProblem;
    throw problem;
  }
  return { offset: 0, message: "not valid JSON" };
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
}
