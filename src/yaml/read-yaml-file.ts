import { LineCounter, parseDocument, type Node } from "yaml";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { FieldPath } from "../resources/resource.js";
import { locateNode, spanOf } from "./locate-node.js";
import type { Span } from "./span.js";

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

/** Parses one YAML document; problems come back as positioned diagnostics, never thrown. */
export function parseYamlFile(text: string, file: string): { yaml?: YamlFile; diagnostics: Diagnostic[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const diagnostics: Diagnostic[] = doc.errors.map((error) => {
    const pos = lines.linePos(error.pos[0]);
    return { code: "yaml-syntax", file, line: pos.line, column: pos.col, message: error.message.split("\n")[0], hint: "fix the YAML syntax at this position" };
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

function hasNode(value: unknown, path: FieldPath): boolean {
  let current = value;
  for (const step of path) {
    if (current === null || typeof current !== "object" || !Object.prototype.hasOwnProperty.call(current, step)) return false;
    current = (current as Record<string | number, unknown>)[step];
  }
  return true;
}
