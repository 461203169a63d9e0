import Handlebars from "handlebars";
import { markTemplateLines, RESERVED_CHARACTERS } from "./line-markers.js";
import type { RenderState } from "./render-state.js";
import { TemplateError } from "./template-error.js";
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
  rewriteProgram(program, source.split("\n"));
  markTemplateLines(program);
  const template = handlebars.compile(program, { strict: true, knownHelpers: KNOWN_HELPERS, knownHelpersOnly: true, preventIndent: true });
  return (context, state) => {
    try {
      return template(context, { data: { kforge: state }, allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
    } catch (error) {
      throw fromHandlebarsError(error);
    }
  };
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

function fromHandlebarsError(error: unknown): TemplateError {
  if (error instanceof TemplateError) return error;
  const e = error as { message?: string; lineNumber?: number; column?: number };
  const message = String(e.message ?? error).replace(/ - \d+:\d+$/, "");
  const position = /line (\d+)/.exec(message);
  const line = e.lineNumber ?? (position ? Number(position[1]) : 0);
  const column = (e.column ?? 0) + 1;
  const unknownHelper = /unknown helper (\S+)/.exec(message);
  if (unknownHelper) {
    return new TemplateError("template-unknown-helper", `unknown helper \`${unknownHelper[1]}\``, line, column, `available helpers: ${Object.keys(HELPERS).filter((h) => h !== EMIT_HELPER).join(", ")}, if, unless, each, with`);
  }
  const missing = /^"(.+)" not defined in/.exec(message);
  if (missing) {
    return new TemplateError("template-missing-value", `\`${missing[1]}\` is not defined`, line, column, "set it in the values, give it a default in values.schema.json, or guard it with {{#if ...}}");
  }
  return new TemplateError("template-syntax", message.split("\n")[0], line, column);
}
