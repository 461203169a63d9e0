import { isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from "yaml";
import type { FieldPath } from "../resources/resource.js";
import type { Span } from "./span.js";

/**
 * Finds the node at `path` in a parsed YAML tree and returns its span; when the path does not
 * exist, the span of the deepest node that does (so a finding about a missing field points at
 * the object that lacks it). For a mapping entry the value node is preferred; a null value
 * (`key:` with nothing after it) points at the key.
 */
export function locateNode(root: Node | null | undefined, path: FieldPath, lines: LineCounter, preferKey = false): Span {
  let node: Node | null | undefined = root;
  let keyNode: Node | null | undefined;
  let depth = 0;
  for (const step of path) {
    const next = childOf(node, step);
    if (!next) break;
    depth++;
    node = next.value;
    keyNode = next.key;
    if (!node) break;
  }
  const found = depth === path.length;
  const target = found && preferKey && keyNode?.range ? keyNode : node?.range ? node : keyNode?.range ? keyNode : root;
  if (!target?.range) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
  // A block collection starts on the line after its key: a finding about it points at the key.
  if (target === node && keyNode?.range && (isMap(node) || isSeq(node)) && !(node as { flow?: boolean }).flow) {
    return spanOf(keyNode.range[0], target.range[1], lines);
  }
  return spanOf(target.range[0], target.range[1], lines);
}

function childOf(node: Node | null | undefined, step: string | number): { key?: Node | null; value: Node | null } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key as Node | null;
      const keyValue = isScalar(key) ? key.value : key;
      if (keyValue === step || String(keyValue) === String(step)) {
        return { key, value: (pair.value as Node | null) ?? null };
      }
    }
    return undefined;
  }
  if (isSeq(node) && typeof step === "number") {
    const item = node.items[step] as Node | undefined;
    return item ? { value: item } : undefined;
  }
  return undefined;
}

export function spanOf(start: number, end: number, lines: LineCounter): Span {
  const from = lines.linePos(start);
  // End offsets often sit past a trailing newline; keep the span on its last real character.
  const to = lines.linePos(Math.max(start, end));
  return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
}
