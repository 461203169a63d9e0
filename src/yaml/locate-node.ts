import { isMap, isPair, isScalar, isSeq, type LineCounter, type Node, type Pair, type YAMLMap } from "yaml";
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
    const pair = keyIndex(node).get(String(step));
    return pair ? { key: pair.key as Node | null, value: (pair.value as Node | null) ?? null } : undefined;
  }
  if (isSeq(node) && typeof step === "number") {
    const item = node.items[step] as Node | undefined;
    return item ? { value: item } : undefined;
  }
  return undefined;
}

/** Each mapping's keys, indexed once: a lookup per field of a 100k-key mapping stays linear overall. */
const keyIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

function keyIndex(map: YAMLMap): Map<string, Pair> {
  let index = keyIndexes.get(map);
  if (index) return index;
  index = new Map();
  for (const pair of map.items) {
    if (!isPair(pair)) continue;
    const key = pair.key as Node | null;
    const name = String(isScalar(key) ? key.value : key);
    // The first entry wins, as it did when entries were searched in order.
    if (!index.has(name)) index.set(name, pair as Pair);
  }
  keyIndexes.set(map, index);
  return index;
}

export function spanOf(start: number, end: number, lines: LineCounter): Span {
  const from = lines.linePos(start);
  // End offsets often sit past a trailing newline; keep the span on its last real character.
  const to = lines.linePos(Math.max(start, end));
  return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
}
