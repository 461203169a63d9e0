import { isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from "yaml";
import type { FieldPath } from "../resources/resource.js";
import type { SourceRef } from "../yaml/span.js";
import type { AssembledOutput } from "./assemble-output.js";

/** Key for a field path in origin maps (NUL cannot occur in Kubernetes field names). */
export function pathKey(path: FieldPath): string {
  return path.join("\u0000");
}

/**
 * Walks one rendered document and records, for every node, where it came from: the values entry
 * whose interpolation wrote it, else the template line.
 */
export function buildOriginMap(root: Node, output: AssembledOutput, lines: LineCounter, templateFile: string): Map<string, SourceRef> {
  const origins = new Map<string, SourceRef>();
  const originAt = (offset: number): SourceRef => {
    for (let i = output.values.length - 1; i >= 0; i--) {
      const range = output.values[i];
      if (range.start <= offset && offset < range.end && range.origin) return range.origin;
    }
    const line = lines.linePos(offset).line;
    return { file: templateFile, line: output.templateLine[line - 1] ?? 1, column: 1 };
  };
  const visit = (node: Node | null | undefined, path: FieldPath) => {
    if (!node?.range) return;
    origins.set(pathKey(path), originAt(node.range[0]));
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const childPath = [...path, String(pair.key.value)];
        const value = pair.value as Node | null;
        // A null value has no node of its own: the key stands for it.
        if (value?.range) visit(value, childPath);
        else if (pair.key.range) origins.set(pathKey(childPath), originAt(pair.key.range[0]));
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => visit(item as Node, [...path, index]));
    }
  };
  visit(root, []);
  return origins;
}

/** The origin recorded for `path`, or for its nearest ancestor that has one. */
export function originFor(origins: ReadonlyMap<string, SourceRef>, path: FieldPath): SourceRef | undefined {
  for (let n = path.length; n >= 0; n--) {
    const found = origins.get(pathKey(path.slice(0, n)));
    if (found) return found;
  }
  return undefined;
}
