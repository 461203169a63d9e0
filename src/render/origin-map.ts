import { isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from "yaml";
import type { FieldPath } from "../resources/resource.js";
import { plainSourceRef } from "../yaml/lazy-source-ref.js";
import type { SourceRef } from "../yaml/span.js";
import type { AssembledOutput } from "./assemble-output.js";

/** Key for a field path in origin maps (NUL cannot occur in Kubernetes field names). */
export function pathKey(path: FieldPath): string {
  return path.join("\u0000");
}

/** A problem in a template's output that YAML alone does not catch (aliases, collection keys). */
export class OutputShapeError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

/**
 * Turns one parsed document of a template's output into plain data and, in the same walk,
 * records for every node where it came from: the values entry whose interpolation wrote it,
 * else the template line.
 */
export function composeDocument(root: Node, output: AssembledOutput, lines: LineCounter, templateFile: string): { object: unknown; origins: Map<string, SourceRef> } {
  const origins = new Map<string, SourceRef>();
  const starts = output.values.map((r) => r.start);
  const originAt = (offset: number): SourceRef => {
    // Value ranges are sorted by start and nest without overlapping: the innermost one holding
    // `offset` is the last that starts at or before it and has not ended yet.
    let i = upperBound(starts, offset) - 1;
    for (; i >= 0; i--) {
      const range = output.values[i];
      if (offset < range.end && range.origin) return plainSourceRef(range.origin);
    }
    const line = lines.linePos(offset).line;
    return { file: templateFile, line: output.templateLine[line - 1] ?? 1, column: 1 };
  };
  const visit = (node: Node, key: string): unknown => {
    const offset = node.range?.[0] ?? 0;
    origins.set(key, originAt(offset));
    const prefix = key === "" ? "" : `${key}\u0000`;
    if (isMap(node)) {
      const object: Record<string, unknown> = {};
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) throw new OutputShapeError("mapping keys must be plain scalars", offset);
        const name = String(pair.key.value);
        const childKey = prefix + name;
        const value = pair.value as Node | null;
        // A null value has no node of its own: the key stands for it.
        const child = value ? visit(value, childKey) : (origins.set(childKey, originAt(pair.key.range?.[0] ?? offset)), null);
        Object.defineProperty(object, name, { value: child, enumerable: true, writable: true, configurable: true });
      }
      return object;
    }
    if (isSeq(node)) return node.items.map((item, index) => visit(item as Node, prefix + index));
    if (isScalar(node)) return node.value;
    throw new OutputShapeError("YAML anchors and aliases are not allowed in template output", offset);
  };
  return { object: visit(root, ""), origins };
}

function upperBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Where each field of one rendered document came from. Documents read by the fast reader work
 * their origins out on first use, from the template output they were read from (`output`, in
 * which they are the `ordinal`-th document): only documents with findings ever need them.
 */
export class DocumentOrigins {
  constructor(
    readonly output: AssembledOutput,
    readonly templateFile: string,
    readonly ordinal: number,
    private map: ReadonlyMap<string, SourceRef> | undefined,
    private readonly compute: (origins: DocumentOrigins) => ReadonlyMap<string, SourceRef>,
  ) {}

  /** Every recorded origin, by pathKey. */
  all(): ReadonlyMap<string, SourceRef> {
    this.map ??= this.compute(this);
    return this.map;
  }

  /** The origin recorded for `path`, or for its nearest ancestor that has one. */
  of(path: FieldPath): SourceRef | undefined {
    const origins = this.all();
    for (let n = path.length; n >= 0; n--) {
      const found = origins.get(pathKey(path.slice(0, n)));
      if (found) return found;
    }
    return undefined;
  }
}
