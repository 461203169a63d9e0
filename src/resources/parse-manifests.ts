import { LineCounter, isMap, visit, Scalar, type Document, type Node } from "yaml";
import { parseDocuments } from "../yaml/parse-documents.js";
import { locateNode, spanOf } from "../yaml/locate-node.js";
import type { Span } from "../yaml/span.js";
import { isEmptyDocument } from "../yaml/empty-document.js";
import { MAX_ALIAS_COUNT } from "../yaml/read-yaml-file.js";
import { readDocumentsFast } from "../yaml/fast-read.js";
import { textLocator, type TextLocator } from "../yaml/text-locator.js";
import { yaml11Reading } from "../yaml/yaml11-ambiguity.js";
import type { FieldPath, KubeObject, Resource } from "./resource.js";
import { yamlErrorMessage } from "../yaml/yaml-error-message.js";
import { findTextProblem, positionOf } from "../yaml/text-problem.js";

export type ManifestProblemCode = "yaml-syntax" | "yaml-ambiguity";

/** A problem with the YAML itself, found before any rule runs. */
export interface ManifestProblem {
  code: ManifestProblemCode;
  message: string;
  file: string;
  span: Span;
  severity: "error" | "warning";
}

export interface ParsedManifests {
  resources: Resource[];
  problems: ManifestProblem[];
  /** The fast reader read the text: its resources are its non-empty documents, in order (what text-locator.ts counts). */
  readFast?: true;
}


/**
 * Parses a multi-document YAML text of Kubernetes manifests. Every document that is a mapping
 * with apiVersion and kind becomes a Resource whose positions are resolved lazily; anything else
 * is a positioned `yaml-syntax` problem. Nothing is thrown for bad input.
 *
 * Plain manifests are read by the fast reader; positions asked for by rules are found in the text
 * (text-locator.ts). The `yaml` package parses a text only when the fast reader declines it, when
 * a document is not a manifest (to report it with positions), or when the text locator is unsure
 * of a position. `reread` gives the text again for that full parse (reading the file
 * again), so that large sets need not keep every file's text in memory.
 */
export function parseManifests(text: string, file: string, reread: () => string = () => text): ParsedManifests {
  const unreadable = findTextProblem(text);
  if (unreadable) {
    const at = positionOf(text, unreadable.offset);
    const span = { line: at.line, column: at.column, endLine: at.line, endColumn: at.column + 1 };
    return { resources: [], problems: [{ code: "yaml-syntax", severity: "error", file, span, message: `${unreadable.message}; ${unreadable.hint}` }] };
  }
  return readPlainManifests(text, file, reread) ?? parseManifestsFully(text, file);
}

/** Past this many syntax errors in one file, the rest are counted, not listed: garbage input gives one screen, not megabytes. */
export const MAX_SYNTAX_PROBLEMS_PER_FILE = 20;

function readPlainManifests(text: string, file: string, reread: () => string): ParsedManifests | undefined {
  const documents = readDocumentsFast(text);
  if (!documents) return undefined;
  const resources: Resource[] = [];
  let full: ParsedManifests | undefined;
  let located: TextLocator | undefined;
  for (let index = 0; index < documents.length; index++) {
    const object = documents[index];
    if (object === null || object === undefined) continue;
    if (!isManifest(object)) return undefined;
    const ordinal = resources.length;
    resources.push({
      object,
      file,
      documentIndex: index,
      locate: (path: FieldPath) => {
        // Most positions are found in the text; the full parse is for what the text locator is unsure of.
        if (!full) {
          located ??= textLocator(reread());
          const span = located.locate(ordinal, path);
          if (span) return span;
        }
        full ??= parseManifestsFully(reread(), file);
        return full.resources[ordinal]?.locate(path) ?? { line: 1, column: 1, endLine: 1, endColumn: 1 };
      },
      origin: noOrigin,
    });
  }
  return { resources, problems: [], readFast: true };
}

/** Files read from disk were written by hand: no field has a values entry or template line behind it. */
const noOrigin = (): undefined => undefined;

function isManifest(value: unknown): value is KubeObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const { apiVersion, kind } = value as KubeObject;
  return typeof apiVersion === "string" && apiVersion !== "" && typeof kind === "string" && kind !== "";
}

/** Parses with the `yaml` package: every node positioned, every problem reported. */
export function parseManifestsFully(text: string, file: string): ParsedManifests {
  const lines = new LineCounter();
  const problems: ManifestProblem[] = [];
  const resources: Resource[] = [];
  parseDocuments(text, { lineCounter: lines }).forEach((doc, index) => {
    const resource = toResource(doc as Document, index, file, lines, problems);
    if (resource) resources.push(resource);
  });
  return { resources, problems: capSyntaxProblems(problems) };
}

function capSyntaxProblems(problems: ManifestProblem[]): ManifestProblem[] {
  const syntax = problems.filter((p) => p.code === "yaml-syntax");
  if (syntax.length <= MAX_SYNTAX_PROBLEMS_PER_FILE) return problems;
  const kept = new Set(syntax.slice(0, MAX_SYNTAX_PROBLEMS_PER_FILE));
  const last = syntax[MAX_SYNTAX_PROBLEMS_PER_FILE];
  const more = syntax.length - MAX_SYNTAX_PROBLEMS_PER_FILE;
  return [
    ...problems.filter((p) => p.code !== "yaml-syntax" || kept.has(p)),
    { ...last, message: `${more} more YAML errors from here on are not listed; fix the ones above (is this file YAML at all?)` },
  ];
}

function toResource(doc: Document, index: number, file: string, lines: LineCounter, problems: ManifestProblem[]): Resource | undefined {
  const syntax = (message: string, range: readonly number[] | null | undefined) =>
    problems.push({ code: "yaml-syntax", severity: "error", file, message, span: range ? spanOf(range[0], range[1], lines) : { line: 1, column: 1, endLine: 1, endColumn: 1 } });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) syntax(yamlErrorMessage(error.message), error.pos);
    return undefined;
  }
  if (doc.contents === null || isEmptyDocument(doc)) return undefined;
  let object: unknown;
  try {
    object = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    syntax(`cannot read this document: ${(error as Error).message}`, doc.contents.range);
    return undefined;
  }
  if (!isMap(doc.contents) || object === null || typeof object !== "object" || Array.isArray(object)) {
    syntax("a Kubernetes manifest must be a mapping with apiVersion and kind", doc.contents.range);
    return undefined;
  }
  const manifest = object as KubeObject;
  for (const key of ["apiVersion", "kind"] as const) {
    if (typeof manifest[key] !== "string" || manifest[key] === "") {
      const span = locateNode(doc.contents, [key], lines);
      problems.push({ code: "yaml-syntax", severity: "error", file, span, message: `the document has no ${key} (a non-empty string is required)` });
      return undefined;
    }
  }
  collectAmbiguities(doc, file, lines, problems);
  const contents = doc.contents as Node;
  return {
    object: manifest,
    file,
    documentIndex: index,
    locate: (path: FieldPath) => locateNode(contents, path, lines),
    origin: () => undefined,
  };
}

function collectAmbiguities(doc: Document, file: string, lines: LineCounter, problems: ManifestProblem[]): void {
  visit(doc, {
    Scalar(_key, node: Scalar) {
      if (node.type !== Scalar.PLAIN || typeof node.source !== "string" || !node.range) return;
      const reading = yaml11Reading(node.source);
      if (!reading) return;
      problems.push({
        code: "yaml-ambiguity",
        severity: "warning",
        file,
        span: spanOf(node.range[0], node.range[1], lines),
        message: `\`${node.source}\` is ${describe12(node.value)} in YAML 1.2 but ${reading} in YAML 1.1, which kubectl reads; quote it (or write the number plainly) to say which you mean`,
      });
    },
  });
}

function describe12(value: unknown): string {
  return typeof value === "string" ? `the string "${value}"` : `the ${typeof value} ${String(value)}`;
}
