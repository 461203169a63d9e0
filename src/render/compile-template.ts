import Handlebars from "handlebars";
import { markTemplateLines, RESERVED_CHARACTERS } from "./line-markers.js";
import type { RenderState } from "./render-state.js";
import { closestName } from "../diagnostics/closest-name.js";
import { TemplateError } from "./template-error.js";
import { didYouMean, suggestValuePath } from "./value-suggestion.js";
import { EMIT_HELPER, HELPERS, KNOWN_HELPERS } from "./template-helpers.js";

/** A template ready to run: output carries line and value markers (see assemble-output.ts). */
export type CompiledTemplate = (context: object, state: RenderState) => string;

const handlebars = Handlebars.create();
handlebars.unregisterHelper("lookup");
handlebars.unregisterHelper("log");
for (const [name, helper] of Object.entries(HELPERS)) handlebars.registerHelper(name, helper);

/**
 * Compiles a template with kforge's safety rules: strict mode, known helpers only, no partials,
 * no unescaped output, and every `{{expression}}` rewritten to go through the YAML emitter.
 * Throws TemplateError positioned in the template.
 */
export function compileTemplate(source: string): CompiledTemplate {
  const reserved = RESERVED_CHARACTERS.exec(source);
  if (reserved) {
    const before = source.slice(0, reserved.index);
    throw new TemplateError("template-syntax", "the template contains a control character", before.split("\n").length, reserved.index - before.lastIndexOf("\n"));
  }
  let program: hbs.AST.Program;
  try {
    program = handlebars.parse(source);
  } catch (error) {
    throw fromHandlebarsError(error);
  }
  const paths = collectPaths(program);
  rewriteProgram(program, source.split("\n"));
  markTemplateLines(program);
  const template = handlebars.compile(program, { strict: true, knownHelpers: KNOWN_HELPERS, knownHelpersOnly: true, preventIndent: true });
  return (context, state) => {
    try {
      return template(context, { data: { kforge: state }, allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
    } catch (error) {
      throw error instanceof TypeError ? fromTypeError(error, paths, context) : fromHandlebarsError(error, paths, context);
    }
  };
}

/**
 * In strict mode Handlebars reads `a.b.c` without null checks, so a missing `b` surfaces as a
 * TypeError naming only `c`. Find the path that reads `c` after another part to position it.
 */
function fromTypeError(error: TypeError, paths: hbs.AST.PathExpression[], context: object): TemplateError {
  const property = /reading '([^']*)'/.exec(error.message)?.[1];
  const path = paths.find((p) => p.parts.indexOf(property ?? "") > 0);
  if (!path) return new TemplateError("template-missing-value", `a value the template reads is not defined (${error.message})`, 0, 0);
  const parent = path.parts.slice(0, path.parts.indexOf(property!)).join(".");
  const guess = suggestValuePath(parent, [context]);
  return new TemplateError("template-missing-value", `\`${parent}\` is not defined (reading \`${path.original}\`)${didYouMean(guess)}`, path.loc.start.line, path.loc.start.column + 1, "set it in the values, give it a default in values.schema.json, or guard it with {{#if ...}}");
}

/** Every path expression in the template, in source order. */
function collectPaths(program: hbs.AST.Program): hbs.AST.PathExpression[] {
  const found: hbs.AST.PathExpression[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as { type?: string; loc?: unknown };
    if (n.type === "PathExpression") found.push(node as hbs.AST.PathExpression);
    for (const [key, value] of Object.entries(node)) if (key !== "loc" && typeof value === "object") visit(value);
  };
  visit(program);
  return found.sort((a, b) => a.loc.start.line - b.loc.start.line || a.loc.start.column - b.loc.start.column);
}

function rewriteProgram(program: hbs.AST.Program, lines: string[]): void {
  program.body = program.body.map((statement) => rewriteStatement(statement, lines));
}

function rewriteStatement(statement: hbs.AST.Statement, lines: string[]): hbs.AST.Statement {
  const at = statement.loc.start;
  const fail = (message: string, hint?: string) => {
    throw new TemplateError("template-unsafe", message, at.line, at.column + 1, hint);
  };
  switch (statement.type) {
    case "MustacheStatement": {
      const mustache = statement as hbs.AST.MustacheStatement;
      if (!mustache.escaped) fail("unescaped output ({{{ }}} or {{& }}) is not allowed: values must go through kforge's YAML writer", "use {{ }}; kforge writes the value as a safe YAML node");
      return emitCall(mustache, lines);
    }
    case "BlockStatement": {
      const block = statement as hbs.AST.BlockStatement;
      if (block.program) rewriteProgram(block.program, lines);
      if (block.inverse) rewriteProgram(block.inverse, lines);
      return block;
    }
    case "PartialStatement":
    case "PartialBlockStatement":
      return fail("partials are not supported", "put shared YAML in its own template file");
    case "DecoratorBlock":
    case "Decorator":
      return fail("decorators are not supported");
    default:
      return statement;
  }
}

/** `{{path args}}` becomes `{{kforge-emit (path args) line "text"}}`. */
function emitCall(mustache: hbs.AST.MustacheStatement, lines: string[]): hbs.AST.MustacheStatement {
  const { loc } = mustache;
  const hasArgs = mustache.params.length > 0 || mustache.hash !== undefined;
  const inner = hasArgs
    ? ({ type: "SubExpression", path: mustache.path, params: mustache.params, hash: mustache.hash, loc } as unknown as hbs.AST.Expression)
    : mustache.path;
  const text = sourceText(lines, loc).replace(/^\{\{~?\s*|\s*~?\}\}$/g, "");
  return {
    ...mustache,
    path: { type: "PathExpression", data: false, depth: 0, parts: [EMIT_HELPER], original: EMIT_HELPER, loc } as hbs.AST.PathExpression,
    params: [
      inner,
      { type: "NumberLiteral", value: loc.start.line, original: loc.start.line, loc } as hbs.AST.NumberLiteral,
      { type: "StringLiteral", value: text, original: text, loc } as hbs.AST.StringLiteral,
    ],
    hash: undefined as unknown as hbs.AST.Hash,
  };
}

function sourceText(lines: string[], loc: hbs.AST.SourceLocation): string {
  if (loc.start.line === loc.end.line) return lines[loc.start.line - 1].slice(loc.start.column, loc.end.column);
  return lines.slice(loc.start.line - 1, loc.end.line).join(" ").slice(loc.start.column);
}

function fromHandlebarsError(error: unknown, paths: hbs.AST.PathExpression[] = [], context?: object): TemplateError {
  if (error instanceof TemplateError) return error;
  const e = error as { message?: string; lineNumber?: number; column?: number };
  const message = String(e.message ?? error).replace(/ - \d+:\d+$/, "");
  const position = /line (\d+)/.exec(message);
  const line = e.lineNumber ?? (position ? Number(position[1]) : 0);
  const column = (e.column ?? 0) + 1;
  const unknownHelper = /unknown helper (\S+)/.exec(message);
  if (unknownHelper) {
    const helpers = [...Object.keys(HELPERS).filter((h) => h !== EMIT_HELPER), "if", "unless", "each", "with"];
    const name = unknownHelper[1].replace(/^['"]|['"]$/g, "");
    return new TemplateError("template-unknown-helper", `unknown helper \`${name}\`${didYouMean(closestName(name, helpers))}`, line, column, `available helpers: ${helpers.join(", ")}`);
  }
  const missing = /^"(.+)" not defined in/.exec(message);
  if (missing) {
    // Strict mode names only the part that is missing: the first path that reads it has the rest.
    const path = paths.find((p) => p.parts.includes(missing[1]));
    const read = path ? path.parts.slice(0, path.parts.indexOf(missing[1]) + 1).join(".") : missing[1];
    const guess = context ? suggestValuePath(read, [context]) : undefined;
    return new TemplateError("template-missing-value", `\`${missing[1]}\` is not defined${didYouMean(guess)}`, line, column, "set it in the values, give it a default in values.schema.json, or guard it with {{#if ...}}");
  }
  const parts = message.split("\n");
  const detail = parts.length > 1 ? `${parts[0]} ${parts[parts.length - 1]}` : parts[0];
  const hint = parts.some((p) => p.includes("}}}")) ? "Handlebars reads `}}}` as the end of {{{ }}}: write `{{x}} }` in flow mappings" : undefined;
  return new TemplateError("template-syntax", detail, line, column, hint);
}
