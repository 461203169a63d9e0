import type { FieldPath } from "../resources/resource.js";
import type { Span } from "./span.js";

/**
 * Positions of fields found in the text itself, for the plain block YAML that the fast reader
 * accepted: the same line and column, start and end, that the `yaml` package's nodes give
 * (see locate-node.ts), without parsing the file again. It answers `undefined` for anything it
 * is not sure of (block scalars at the end of a collection, flow collections it would have to
 * enter, multi-line scalars, quoted or number-like keys...); the caller then parses fully.
 */
export interface TextLocator {
  /** The span of `path` in the `ordinal`-th non-empty document, or undefined when unsure. */
  locate(ordinal: number, path: FieldPath): Span | undefined;
}

type LineKind = "blank" | "comment" | "content" | "scalar";
const LINE_KINDS: readonly LineKind[] = ["blank", "comment", "content", "scalar"];
/** Numbers kept per line in LineTable: start, end, next, indent, kind. */
const FIELDS = 5;

/**
 * The text's lines, each classified, in one typed array (a locator lives as long as its file's
 * resources: thousands of small objects per file would be kept, and scanned by every collection).
 * For line i: `start` is the offset of its first character, `end` the offset just past its last
 * one (before its newline), `next` the offset of the next line (past its newline) or the text's
 * length; the lines of block scalars are "scalar" whatever they hold.
 */
class LineTable {
  constructor(
    private readonly source: string,
    private readonly data: Int32Array,
    readonly count: number,
  ) {}

  start(i: number): number {
    return this.data[i * FIELDS];
  }

  next(i: number): number {
    return this.data[i * FIELDS + 2];
  }

  indent(i: number): number {
    return this.data[i * FIELDS + 3];
  }

  kind(i: number): LineKind {
    return LINE_KINDS[this.data[i * FIELDS + 4]];
  }

  /** Whether line i is a content line whose first character (at column 0) has this UTF-16 code. */
  startsWith(i: number, code: number): boolean {
    const at = i * FIELDS;
    return this.data[at + 4] === CONTENT && this.data[at + 3] === 0 && this.data[at + 1] > this.data[at] && this.source.charCodeAt(this.data[at]) === code;
  }

  /** The line without its newline (and carriage return). */
  text(i: number): string {
    return this.source.slice(this.data[i * FIELDS], this.data[i * FIELDS + 1]);
  }
}

type Found = { from: number; to: number } | "unsure";

export function textLocator(text: string): TextLocator {
  let lines: LineTable | undefined;
  let documents: { first: number; last: number }[] | undefined;
  // One walker per document, keeping what it has read of the document's maps and sequences.
  const walkers = new Map<number, Walker>();
  // Rules often report several findings at one path (each missing probe names the container).
  const answers = new Map<string, Span | undefined>();
  return {
    locate(ordinal, path) {
      const key = `${ordinal}${JSON.stringify(path)}`;
      if (answers.has(key)) return answers.get(key);
      const span = locateOnce(ordinal, path);
      answers.set(key, span);
      return span;
    },
  };

  function locateOnce(ordinal: number, path: FieldPath): Span | undefined {
    lines ??= splitLines(text);
    documents ??= documentRegions(lines);
    const document = documents[ordinal];
    if (!document) return undefined;
    keepRecent(walkers);
    let walker = walkers.get(ordinal);
    if (!walker) {
      walker = new Walker(lines, document.first, document.last);
      walkers.set(ordinal, walker);
    }
    const found = walker.find(path);
    if (found === "unsure") return undefined;
    const from = lineAndColumn(lines, found.from);
    const to = lineAndColumn(lines, Math.max(found.from, found.to));
    return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
  }
}

/**
 * How many files' walkers are kept: what a walker has read of a document's maps is worth keeping
 * while rules report on that file (they go through the set in order), not for every file of a
 * large set, where it would be thousands of objects kept per file.
 */
const KEPT_FILES = 64;
/** The walkers of recently located files, least recently used first. */
const recentFiles = new Set<Map<number, Walker>>();

function keepRecent(walkers: Map<number, Walker>): void {
  if (recentFiles.delete(walkers)) {
    recentFiles.add(walkers);
    return;
  }
  recentFiles.add(walkers);
  if (recentFiles.size <= KEPT_FILES) return;
  const oldest = recentFiles.values().next().value!;
  recentFiles.delete(oldest);
  // Read again from the lines if a finding comes back to that file.
  oldest.clear();
}

/** 1-based line and column of an offset, as the `yaml` package's LineCounter gives them. */
function lineAndColumn(lines: LineTable, offset: number): { line: number; column: number } {
  let low = 0;
  let high = lines.count - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lines.start(mid) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - lines.start(low) + 1 };
}

/** Lines, each classified; the lines of block scalars are "scalar" whatever they hold. */
function splitLines(text: string): LineTable {
  let data = new Int32Array(FIELDS * 64);
  let count = 0;
  let blockIndent = -1;
  // Where the next `|` and `>` are (-1: none left), found again only once passed: one scan of the text.
  let pipe = text.indexOf("|");
  let angle = text.indexOf(">");
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const next = Math.min(text.length, end + 1);
    const bodyEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    // The indentation as trimStart() measures it: spaces and tabs here, any other blank through trimStart itself.
    let first = start;
    while (first < bodyEnd && (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9)) first++;
    const code = first < bodyEnd ? text.charCodeAt(first) : -1;
    if (code > 127 || code === 11 || code === 12 || code === 13) first = bodyEnd - text.slice(start, bodyEnd).trimStart().length;
    const indent = first - start;
    let kind: number = first >= bodyEnd ? BLANK : text.charCodeAt(first) === 35 ? COMMENT : CONTENT;
    if (blockIndent >= 0 && (kind === BLANK || indent > blockIndent)) kind = kind === BLANK ? BLANK : SCALAR;
    else {
      if (pipe >= 0 && pipe < first) pipe = text.indexOf("|", first);
      if (angle >= 0 && angle < first) angle = text.indexOf(">", first);
      const mayOpen = (pipe >= 0 && pipe < bodyEnd) || (angle >= 0 && angle < bodyEnd);
      blockIndent = kind === CONTENT && mayOpen && BLOCK_SCALAR_OPENER.test(text.slice(first, bodyEnd)) ? indent : -1;
    }
    if ((count + 1) * FIELDS > data.length) {
      const grown = new Int32Array(data.length * 2);
      grown.set(data);
      data = grown;
    }
    const at = count * FIELDS;
    data[at] = start;
    data[at + 1] = bodyEnd;
    data[at + 2] = next;
    data[at + 3] = indent;
    data[at + 4] = kind;
    count++;
    if (end >= text.length) break;
    start = end + 1;
  }
  return new LineTable(text, data.slice(0, count * FIELDS), count);
}

const BLANK = 0;
const COMMENT = 1;
const CONTENT = 2;
const SCALAR = 3;

/** A line that ends with a block scalar indicator (`key: |`, `- >-`, `|2`). */
const BLOCK_SCALAR_OPENER = /(?:^|[:-])[ \t]+[|>][0-9+-]*[ \t]*(?:#.*)?$|^[|>][0-9+-]*[ \t]*(?:#.*)?$/;

/** The non-empty documents: runs of lines between `---` separators that hold content. */
function documentRegions(lines: LineTable): { first: number; last: number }[] {
  const regions: { first: number; last: number }[] = [];
  // A `...` document end marker: left to the parser.
  for (let i = 0; i < lines.count; i++) if (lines.startsWith(i, 46) && /^\.\.\.(?:[ \t]|$)/.test(lines.text(i))) return regions;
  let first = 0;
  const close = (end: number) => {
    for (let i = first; i < end; i++) {
      if (lines.kind(i) !== "content") continue;
      regions.push({ first: i, last: end - 1 });
      return;
    }
  };
  for (let i = 0; i < lines.count; i++) {
    if (lines.startsWith(i, 45) && SEPARATOR.test(lines.text(i))) {
      close(i);
      first = i + 1;
    }
  }
  close(lines.count);
  return regions;
}

const SEPARATOR = /^---(?:[ \t]+#.*|[ \t]*)$/;

/** Plain keys the `yaml` package and kforge read as the same string (not numbers, booleans or nulls). */
const PLAIN_KEY = /^[A-Za-z_$/][A-Za-z0-9_.\-/$]*$|^[A-Za-z0-9][A-Za-z0-9_.\-/]*[A-Za-z_\-/][A-Za-z0-9_.\-/]*$/;
const NUMBER_LIKE = /^[-+]?(?:[0-9][0-9_]*(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$|^0[xob]/;
const NOT_A_STRING_KEY = /^(?:true|false|null|True|False|Null|TRUE|FALSE|NULL|~|[yYnN]|yes|no|on|off|Yes|No|On|Off|YES|NO|ON|OFF)$/;

/** A plain key and its `:` at the regex's lastIndex. */
const KEY_AT = /([^\s:#'"{}[\],&*!|>%@`?-][^:#]*?|-[^\s:#][^:#]*?)[ \t]*:(?=[ \t]|$)/y;

class Walker {
  private readonly maps = new Map<string, MapIndex>();
  private readonly seqs = new Map<string, number[]>();
  private readonly ranges = new Map<string, { from: number; to: number } | "unsure">();
  /** The lines' text, sliced once each. */
  private readonly bodies: (string | undefined)[] = [];

  constructor(
    private readonly lines: LineTable,
    private readonly first: number,
    private readonly last: number,
  ) {}

  private body(i: number): string {
    return (this.bodies[i] ??= this.lines.text(i));
  }

  /** Whether a sequence entry's dash (`-` then a blank or the line's end) is at `column` of line `i`. */
  private dashAt(i: number, column: number): boolean {
    const body = this.body(i);
    if (body.charCodeAt(column) !== 45) return false;
    const after = body.charCodeAt(column + 1);
    return column + 1 >= body.length || after === 32 || after === 9;
  }

  /** The next line at or after `i` (within the document) that holds content, or -1. */
  private nextContent(i: number): number {
    for (let j = i; j <= this.last; j++) if (this.lines.kind(j) === "content" || this.lines.kind(j) === "scalar") return j;
    return -1;
  }

  find(path: FieldPath): Found {
    const root = this.nextContent(this.first);
    if (root < 0) return "unsure";
    if (this.lines.indent(root) !== 0) return "unsure";
    let node: Node | "unsure" = this.blockNodeAt(root, 0);
    if (node === "unsure") return "unsure";
    let key: { from: number; to: number } | undefined;
    for (const step of path) {
      const child = this.child(node, step);
      if (child === "unsure") return "unsure";
      if (!child) break;
      node = child.value;
      key = child.key;
      if (node === "unsure") return "unsure";
    }
    const range = this.range(node);
    if (range === "unsure") return "unsure";
    // A block collection starts on the line after its key: a finding about it points at the key.
    if (key && (node.type === "map" || node.type === "seq")) return { from: key.from, to: range.to };
    return range;
  }

  /** A block map or sequence whose first entry is on line `i` at column `column`. */
  private blockNodeAt(i: number, column: number): Node | "unsure" {
    const rest = this.body(i).slice(column);
    if (/^-(?:[ \t]|$)/.test(rest)) return { type: "seq", line: i, column };
    if (this.keyOf(i, column)) return { type: "map", line: i, column };
    return "unsure";
  }

  /** The key at `column` of line `i`: its text and where its value begins. */
  private keyOf(i: number, column: number): { name: string; from: number; to: number; valueColumn: number } | undefined {
    const body = this.body(i);
    KEY_AT.lastIndex = column;
    const match = KEY_AT.exec(body);
    if (!match) return undefined;
    const name = match[1];
    if (!PLAIN_KEY.test(name) || NUMBER_LIKE.test(name) || NOT_A_STRING_KEY.test(name)) return undefined;
    const start = this.lines.start(i) + column;
    return { name, from: start, to: start + name.length, valueColumn: column + match[0].length };
  }

  private child(node: Node, step: string | number): { key?: { from: number; to: number }; value: Node | "unsure" } | undefined | "unsure" {
    if (node.type === "map") {
      if (typeof step !== "string" && typeof step !== "number") return "unsure";
      return this.mapEntry(node, String(step));
    }
    if (node.type === "seq") {
      if (typeof step !== "number") return undefined;
      return this.seqItem(node, step);
    }
    // Scalars and flow collections have no children the walker enters.
    return node.type === "scalar" ? undefined : "unsure";
  }

  private mapEntry(map: Node, name: string): { key: { from: number; to: number }; value: Node | "unsure" } | undefined | "unsure" {
    const index = this.mapIndex(map);
    const hit = index.entries.get(name);
    if (hit) return { key: hit.key, value: this.valueAfter(hit.line, hit.key.valueColumn, map.column) };
    return index.complete ? undefined : "unsure";
  }

  /**
   * A block map's keys, read once (a lookup per finding stays linear over a 100,000-key mapping):
   * the first entry of each name wins, as in the `yaml` package's lookups. `complete` is false
   * when a line the walker is unsure of ended the scan.
   */
  private mapIndex(map: Node): MapIndex {
    const id = `${map.line}:${map.column}`;
    let index = this.maps.get(id);
    if (index) return index;
    index = { entries: new Map(), complete: false };
    this.maps.set(id, index);
    for (let i = map.line; ; ) {
      const key = this.keyOf(i, map.column);
      if (!key) return index;
      if (!index.entries.has(key.name)) index.entries.set(key.name, { line: i, key });
      // The next entry: the next content line at this map's indentation.
      let j = this.nextContent(i + 1);
      while (j >= 0 && this.lines.indent(j) > map.column) j = this.nextContent(j + 1);
      if (j >= 0 && this.lines.kind(j) === "content" && this.lines.indent(j) >= map.column && this.dashAt(j, map.column)) {
        // A sequence at the key's indentation is the previous key's value.
        j = this.skipSeqAt(j, map.column);
      }
      if (j < 0 || this.lines.indent(j) < map.column) {
        index.complete = true;
        return index;
      }
      if (this.lines.kind(j) !== "content") return index;
      i = j;
    }
  }

  /** The first content line after the sequence whose dash is at `column` starting on line `i`. */
  private skipSeqAt(i: number, column: number): number {
    let j = this.nextContent(i + 1);
    while (j >= 0 && (this.lines.indent(j) > column || this.dashAt(j, column))) j = this.nextContent(j + 1);
    return j;
  }

  private seqItem(seq: Node, index: number): { value: Node | "unsure" } | undefined | "unsure" {
    const line = this.seqItems(seq)[index];
    return line === undefined ? undefined : { value: this.valueAfter(line, seq.column + 1, seq.column, true) };
  }

  /** The lines of a block sequence's items, read once. */
  private seqItems(seq: Node): number[] {
    const id = `${seq.line}:${seq.column}`;
    let items = this.seqs.get(id);
    if (items) return items;
    items = [];
    this.seqs.set(id, items);
    for (let i = seq.line; ; ) {
      items.push(i);
      let j = this.nextContent(i + 1);
      while (j >= 0 && this.lines.indent(j) > seq.column) j = this.nextContent(j + 1);
      if (j < 0 || this.lines.kind(j) !== "content" || this.lines.indent(j) < seq.column) return items;
      if (!this.dashAt(j, seq.column)) return items;
      i = j;
    }
  }

  /**
   * The node that starts after an indicator (`key:` or `-`) ending at `column` of line `i`;
   * `parent` is the column of that key or dash.
   */
  private valueAfter(i: number, column: number, parent: number, inSequence = false): Node | "unsure" {
    const body = this.body(i);
    let start = column;
    while (start < body.length && (body[start] === " " || body[start] === "\t")) start++;
    const rest = body.slice(start);
    if (rest === "" || rest.startsWith("#")) {
      const next = this.nextContent(i + 1);
      const nested = next >= 0 && this.lines.kind(next) === "content" && (this.lines.indent(next) > parent || (!inSequence && this.lines.indent(next) === parent && this.dashAt(next, parent)));
      if (nested) return this.blockNodeAt(next, this.lines.indent(next));
      if (next >= 0 && this.lines.kind(next) === "scalar") return "unsure";
      const at = this.lines.start(i) + start;
      return { type: "scalar", line: i, column: start, from: at, to: at };
    }
    if (inSequence && /^-(?:[ \t]|$)/.test(rest)) return "unsure";
    if (inSequence && this.keyOf(i, start)) return { type: "map", line: i, column: start };
    const from = this.lines.start(i) + start;
    const first = rest[0];
    if (first === "|" || first === ">") return "unsure";
    let length: number | undefined;
    if (first === '"' || first === "'") length = quotedLength(rest);
    else if (first === "{" || first === "[") length = flowLength(rest);
    else length = plainLength(rest);
    if (length === undefined) return "unsure";
    // A scalar continued on the next, more indented line: leave it to the parser.
    const next = this.nextContent(i + 1);
    if (next >= 0 && this.lines.indent(next) > parent) return "unsure";
    const trailing = rest.slice(length).trim();
    if (trailing !== "" && !trailing.startsWith("#")) return "unsure";
    return { type: first === "{" || first === "[" ? "flow" : "scalar", line: i, column: start, from, to: from + length };
  }

  /** A node's range as the `yaml` package gives it: block collections end at the start of the line after their last content. */
  private range(node: Node): { from: number; to: number } | "unsure" {
    if (node.type === "scalar" || node.type === "flow") return { from: node.from!, to: node.to! };
    const id = `${node.type}:${node.line}:${node.column}`;
    let range = this.ranges.get(id);
    if (!range) {
      range = this.collectionRange(node);
      this.ranges.set(id, range);
    }
    return range;
  }

  private collectionRange(node: Node): { from: number; to: number } | "unsure" {
    const from = this.lines.start(node.line) + node.column;
    let last = node.line;
    for (let j = this.nextContent(node.line + 1); j >= 0; j = this.nextContent(j + 1)) {
      const indent = this.lines.indent(j);
      const inside = indent > node.column || (indent === node.column && (node.type === "map" ? this.lines.kind(j) === "content" && !this.endsMapAt(j, node.column) : this.dashAt(j, node.column)));
      if (!inside) break;
      last = j;
    }
    // Where a block scalar ends a collection, its trailing blank lines and chomping decide the end.
    if (this.lines.kind(last) === "scalar" || /[|>][0-9+-]*[ \t]*(?:#.*)?$/.test(this.body(last))) return "unsure";
    // Comment lines after the last entry may belong to the collection (then it ends at the next token).
    for (let j = last + 1; j <= this.last && this.lines.kind(j) !== "content"; j++) if (this.lines.kind(j) === "comment") return "unsure";
    return { from, to: this.lines.next(last) };
  }

  /** Whether a content line at a map's indentation is not one of its entries (a sequence of the previous key is). */
  private endsMapAt(j: number, column: number): boolean {
    return !(this.keyOf(j, column) || this.dashAt(j, column));
  }
}

interface MapIndex {
  entries: Map<string, { line: number; key: { name: string; from: number; to: number; valueColumn: number } }>;
  complete: boolean;
}

interface Node {
  type: "map" | "seq" | "scalar" | "flow";
  line: number;
  column: number;
  from?: number;
  to?: number;
}

/** Length of a quoted scalar that closes on its line, or undefined. */
function quotedLength(rest: string): number | undefined {
  const quote = rest[0];
  for (let i = 1; i < rest.length; i++) {
    if (quote === '"' && rest[i] === "\\") {
      i++;
      continue;
    }
    if (rest[i] === quote) {
      if (quote === "'" && rest[i + 1] === "'") {
        i++;
        continue;
      }
      return i + 1;
    }
  }
  return undefined;
}

/** Length of a flow collection that closes on its line, or undefined. */
function flowLength(rest: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === '"' || c === "'") {
      const length = quotedLength(rest.slice(i));
      if (length === undefined) return undefined;
      i += length - 1;
    } else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) return i + 1;
    } else if (c === "#" && (rest[i - 1] === " " || rest[i - 1] === "\t")) return undefined;
  }
  return undefined;
}

/** Length of a plain scalar on this line: up to a ` #` comment, trailing blanks left out. */
function plainLength(rest: string): number | undefined {
  const comment = rest.search(/[ \t]#/);
  const value = (comment >= 0 ? rest.slice(0, comment) : rest).replace(/[ \t]+$/, "");
  // `key: value: more` is not plain Kubernetes YAML.
  if (/:(?:[ \t]|$)/.test(value)) return undefined;
  return value.length;
}
