import type {} from "handlebars";

type Program = hbs.AST.Program;
type Statement = hbs.AST.Statement;

/**
 * Output markers. They are control characters no template may contain and no value can emit
 * (values are always written escaped), so they survive rendering and are stripped after.
 */
export const LINE_MARK = "\u0001";
export const LINE_MARK_END = "\u0002";
export const VALUE_MARK = "\u0003";
export const VALUE_MARK_END = "\u0004";
export const RESERVED_CHARACTERS = /[\u0001-\u0004]/;

/**
 * Plants a marker carrying the template line at the start of every line of literal template
 * text, so each line of output can be traced back to the template line that wrote it.
 */
export function markTemplateLines(program: Program): void {
  for (const statement of program.body) markStatement(statement);
}

function markStatement(statement: Statement): void {
  if (statement.type === "ContentStatement") {
    const content = statement as hbs.AST.ContentStatement;
    if (content.value === "") return;
    // Whitespace control strips a prefix of `original`; count the newlines it removed.
    const original = String(content.original);
    const start = original.indexOf(content.value);
    let line = content.loc.start.line + countNewlines(original.slice(0, Math.max(start, 0)));
    let out = `${LINE_MARK}${line}${LINE_MARK_END}`;
    for (const ch of content.value) {
      out += ch;
      if (ch === "\n") out += `${LINE_MARK}${++line}${LINE_MARK_END}`;
    }
    content.value = out;
    return;
  }
  if (statement.type === "BlockStatement") {
    const block = statement as hbs.AST.BlockStatement;
    if (block.program) markTemplateLines(block.program);
    if (block.inverse) markTemplateLines(block.inverse);
  }
}

function countNewlines(text: string): number {
  let n = 0;
  for (const ch of text) if (ch === "\n") n++;
  return n;
}
