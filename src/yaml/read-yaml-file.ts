import { LineCounter, type Node } from "yaml";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { FieldPath } from "../resources/resource.js";
import { readDocumentsFast } from "./fast-read.js";
import { textLocator, type TextLocator } from "./text-locator.js";
import { locateNode, spanOf } from "./locate-node.js";
import { parseOneDocument } from "./parse-documents.js";
import type { Span } from "./span.js";
import { yamlErrorMessage } from "./yaml-error-message.js";
import { findTextProblem, positionOf } from "./text-problem.js";

/** A user-edited YAML (or JSON) file: its data and a way back to each node's position. */
export interface YamlFile {
  file: string;
  value: unknown;
  locate(path: FieldPath): Span;
  /** Position of the key of the mapping entry at `path` (for "unknown field" errors). */
  locateKey(path: FieldPath): Span;
  /** True when the node at `path` exists (so values origins never point at an ancestor). */
  has(path: FieldPath): boolean;
}

/** Aliases beyond this many in one document are treated as an alias bomb (billion laughs). */
export const MAX_ALIAS_COUNT = 100;

/**
 * Reads one YAML document; problems come back as positioned diagnostics, never thrown. Plain
 * YAML is read by the fast reader; positions are found when asked for, in the text
 * (text-locator.ts) or, where it is unsure, by a full parse.
 */
export function parseYamlFile(text: string, file: string): { yaml?: YamlFile; diagnostics: Diagnostic[] } {
  const unreadable = textDiagnostic(text, file);
  if (unreadable) return { diagnostics: [unreadable] };
  const documents = readDocumentsFast(text);
  if (documents === undefined || documents.length > 1) return parseYamlFileFully(text, file);
  const value = documents.length === 0 ? null : documents[0];
  let full: YamlFile | undefined;
  let located: TextLocator | undefined;
  const positioned = () => (full ??= parseYamlFileFully(text, file).yaml ?? unpositioned(file, value));
  return {
    diagnostics: [],
    yaml: {
      file,
      value,
      // Found in the text where the text locator is sure (plain block YAML), else by the full parse.
      locate: (path) => (full ? undefined : (located ??= textLocator(text)).locate(0, path)) ?? positioned().locate(path),
      locateKey: (path) => positioned().locateKey(path),
      has: (path) => hasNode(value, path),
    },
  };
}

/** Parses with the `yaml` package: every node positioned, every problem reported. */
export function parseYamlFileFully(text: string, file: string): { yaml?: YamlFile; diagnostics: Diagnostic[] } {
  const unreadable = textDiagnostic(text, file);
  if (unreadable) return { diagnostics: [unreadable] };
  const lines = new LineCounter();
  const doc = parseOneDocument(text, { lineCounter: lines });
  const diagnostics: Diagnostic[] = doc.errors.map((error) => {
    const pos = lines.linePos(error.pos[0]);
    return { code: "yaml-syntax", file, line: pos.line, column: pos.col, message: yamlErrorMessage(error.message), hint: "fix the YAML syntax at this position" };
  });
  if (diagnostics.length > 0) return { diagnostics };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return { diagnostics: [{ code: "yaml-syntax", file, line: 1, column: 1, message: (error as Error).message }] };
  }
  const root = doc.contents as Node | null;
  return {
    diagnostics: [],
    yaml: {
      file,
      value,
      locate: (path) => (root ? locateNode(root, path, lines) : spanOf(0, 0, lines)),
      locateKey: (path) => (root ? locateNode(root, path, lines, true) : spanOf(0, 0, lines)),
      has: (path) => hasNode(value, path),
    },
  };
}

/** Invalid UTF-8, NUL and control characters: an error at their position, before any YAML is read. */
export function textDiagnostic(text: string, file: string): Diagnostic | undefined {
  const problem = findTextProblem(text);
  if (!problem) return undefined;
  const at = positionOf(text, problem.offset);
  return { code: "invalid-encoding", file, line: at.line, column: at.column, message: problem.message, hint: problem.hint };
}

function hasNode(value: unknown, path: FieldPath): boolean {
  let current = value;
  for (const step of path) {
    if (current === null || typeof current !== "object" || !Object.prototype.hasOwnProperty.call(current, step)) return false;
    current = (current as Record<string | number, unknown>)[step];
  }
  return true;
}

/** Never expected (the fast reader takes only what the full parser reads the same), but never a crash. */
function unpositioned(file: string, value: unknown): YamlFile {
  const start = (): Span => ({ line: 1, column: 1, endLine: 1, endColumn: 1 });
  return { file, value, locate: start, locateKey: start, has: (path) => hasNode(value, path) };
}
