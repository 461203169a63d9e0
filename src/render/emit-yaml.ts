import type { FieldPath } from "../resources/resource.js";
import type { Span } from "../yaml/span.js";
import { blockScalar } from "./yaml-scalar.js";

/** Called for each node written, with its path and span in the emitted text. */
export type OnNode = (path: FieldPath, span: Span) => void;

const TOP_LEVEL_FIRST = ["apiVersion", "kind", "metadata"];

/**
 * Writes a manifest as block YAML in kforge's canonical form: apiVersion, kind and metadata
 * first, every other mapping's keys sorted, two-space indent, multi-line strings as literal
 * blocks. Deterministic, and it can report where each node lands so rendered resources know
 * their own positions without parsing the text again.
 */
export function emitManifest(object: Record<string, unknown>, onNode?: OnNode): string {
  const writer = new Writer(onNode);
  writer.mapping(object, [], 0, true);
  return writer.text;
}

class Writer {
  private readonly chunks: string[] = [];
  private length = 0;
  /** Offset where the current line starts; columns are computed, never searched for. */
  private lineStart = 0;
  private line = 1;
  constructor(private readonly onNode?: OnNode) {}

  get text(): string {
    return this.chunks.join("");
  }

  private column(): number {
    return this.length - this.lineStart + 1;
  }

  private write(s: string): void {
    this.chunks.push(s);
    let last = -1;
    for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) {
      this.line++;
      last = i;
    }
    if (last !== -1) this.lineStart = this.length + last + 1;
    this.length += s.length;
  }

  /** Writes a value after `key:` or `- ` (the cursor is right after the indicator). */
  private value(value: unknown, path: FieldPath, indent: number, inSequence: boolean): void {
    if (isMapping(value) && Object.keys(value).length > 0) {
      if (inSequence) {
        this.mapping(value, path, indent, false, true);
      } else {
        this.write("\n");
        this.mapping(value, path, indent, false);
      }
      return;
    }
    if (Array.isArray(value) && value.length > 0) {
      this.write("\n");
      // Sequences under a key sit at the key's indent, as kubectl and kustomize write them.
      this.sequence(value, path, inSequence ? indent : indent - 2);
      return;
    }
    this.write(" ");
    const line = this.line;
    const column = this.column();
    this.write(this.scalar(value, indent));
    this.onNode?.(path, { line, column, endLine: this.line, endColumn: this.column() });
    this.write("\n");
  }

  mapping(object: Record<string, unknown>, path: FieldPath, indent: number, topLevel: boolean, firstInline = false): void {
    const keys = Object.keys(object).filter((k) => object[k] !== undefined);
    keys.sort(topLevel ? topLevelOrder : byCodeUnit);
    keys.forEach((key, i) => {
      if (!(firstInline && i === 0)) this.write(" ".repeat(indent));
      // Paths are only needed when positions are asked for.
      const childPath = this.onNode ? [...path, key] : path;
      const line = this.line;
      const column = this.column();
      this.write(keyText(key));
      const child = object[key];
      if (this.onNode && (isMapping(child) || Array.isArray(child)) && !isEmpty(child)) {
        // A collection's own span is its key; findings about a whole object point there.
        this.onNode(childPath, { line, column, endLine: line, endColumn: this.column() - 1 });
      }
      this.value(child, childPath, indent + 2, false);
    });
  }

  private sequence(items: unknown[], path: FieldPath, indent: number): void {
    items.forEach((item, index) => {
      this.write(`${" ".repeat(indent)}-`);
      const itemPath = this.onNode ? [...path, index] : path;
      if (this.onNode && isMapping(item) && !isEmpty(item)) {
        this.onNode(itemPath, { line: this.line, column: this.column() + 1, endLine: this.line, endColumn: this.column() + 1 });
      }
      if (isMapping(item) && !isEmpty(item)) {
        this.write(" ");
        this.mapping(item, itemPath, indent + 2, false, true);
      } else {
        this.value(item, itemPath, indent + 2, true);
      }
    });
  }

  private scalar(value: unknown, indent: number): string {
    if (isMapping(value)) return "{}";
    if (Array.isArray(value)) return "[]";
    if (typeof value === "string" && isLiteralBlockFriendly(value)) return literalBlock(value, indent);
    if (value === null || ["string", "number", "boolean"].includes(typeof value)) return blockScalar(value as string);
    throw new TypeError(`cannot write a ${typeof value} as YAML`);
  }
}

/** Keys repeat across manifests (name, image, ports...): their text is worked out once. */
const KEY_TEXTS = new Map<string, string>();
const MAX_KEY_TEXTS = 10_000;

function keyText(key: string): string {
  let text = KEY_TEXTS.get(key);
  if (text === undefined) {
    text = `${blockScalar(key)}:`;
    if (KEY_TEXTS.size < MAX_KEY_TEXTS) KEY_TEXTS.set(key, text);
  }
  return text;
}

/** Multi-line text reads best as a literal block; only printable text without trailing spaces qualifies. */
function isLiteralBlockFriendly(text: string): boolean {
  return text.includes("\n") && !/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\r\t]/.test(text) && !/ \n|^\s*\n/.test(text) && !/ $/.test(text);
}

function literalBlock(text: string, indent: number): string {
  const trailing = text.length - text.replace(/\n+$/, "").length;
  const chomp = trailing === 0 ? "-" : trailing === 1 ? "" : "+";
  const body = trailing === 0 ? text : text.slice(0, text.length - (trailing === 1 ? 1 : 0));
  // An indentation indicator keeps a first line that starts with spaces from setting the indent.
  const indicator = /^ /.test(text) ? "2" : "";
  const pad = " ".repeat(indent);
  const lines = body.split("\n").map((l) => (l === "" ? "" : pad + l));
  if (chomp === "+") lines.pop();
  return `|${indicator}${chomp}\n${lines.join("\n")}`;
}

function topLevelOrder(a: string, b: string): number {
  const ia = TOP_LEVEL_FIRST.indexOf(a);
  const ib = TOP_LEVEL_FIRST.indexOf(b);
  if (ia !== -1 || ib !== -1) return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib);
  return byCodeUnit(a, b);
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isEmpty(value: object): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}
