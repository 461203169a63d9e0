import { LineCounter, type Node } from "yaml";
import { parseDocuments } from "../yaml/parse-documents.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { KubeObject } from "../resources/resource.js";
import type { SourceRef } from "../yaml/span.js";
import { isEmptyDocument } from "../yaml/empty-document.js";
import { readDocumentsFast } from "../yaml/fast-read.js";
import type { AssembledOutput } from "./assemble-output.js";
import { composeDocument, DocumentOrigins, OutputShapeError } from "./origin-map.js";
import { yamlErrorMessage } from "../yaml/yaml-error-message.js";

/** One manifest a release's templates produced, before it is placed in the tree. */
export interface RenderedDocument {
  object: KubeObject;
  templateFile: string;
  origins: DocumentOrigins;
  /** The object as kforge writes it (emitManifest), when already known: kept with it in the render cache. */
  body?: string;
}

/**
 * Reads the YAML a template produced into manifests. Plain output is read by the fast reader and
 * the origins of its documents are worked out only when asked for; output the fast reader
 * declines, or that has a problem, is parsed in full, and problems come back as diagnostics at
 * the template line that wrote them.
 */
export function parseOutput(output: AssembledOutput, templateFile: string): { documents: RenderedDocument[]; diagnostics: Diagnostic[] } {
  return readPlainOutput(output, templateFile) ?? parseOutputFully(output, templateFile);
}

function readPlainOutput(output: AssembledOutput, templateFile: string): { documents: RenderedDocument[]; diagnostics: Diagnostic[] } | undefined {
  const values = readDocumentsFast(output.text);
  if (!values) return undefined;
  const documents: RenderedDocument[] = [];
  for (const value of values) {
    if (value === null || value === undefined) continue;
    if (!isNamedManifest(value)) return undefined;
    documents.push({ object: value, templateFile, origins: lazyOrigins(output, templateFile, documents.length) });
  }
  return { documents, diagnostics: [] };
}

/** Origins of the `ordinal`-th document of `output`, worked out on first use. */
export function lazyOrigins(output: AssembledOutput, templateFile: string, ordinal: number): DocumentOrigins {
  return new DocumentOrigins(output, templateFile, ordinal, undefined, () => parseOutputFully(output, templateFile).documents[ordinal]?.origins.all() ?? new Map());
}

function isNamedManifest(value: unknown): value is KubeObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const manifest = value as KubeObject;
  const name = manifest.metadata?.name;
  return typeof manifest.apiVersion === "string" && typeof manifest.kind === "string" && typeof name === "string" && name !== "";
}

const fullParses = new WeakMap<AssembledOutput, { documents: RenderedDocument[]; diagnostics: Diagnostic[] }>();

/** Parses the output with the `yaml` package, every node positioned and its origin recorded. */
export function parseOutputFully(output: AssembledOutput, templateFile: string): { documents: RenderedDocument[]; diagnostics: Diagnostic[] } {
  const done = fullParses.get(output);
  if (done) return done;
  const lines = new LineCounter();
  const documents: RenderedDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  const fail = (offset: number, message: string, hint?: string) => {
    const at = lines.linePos(offset);
    diagnostics.push({ code: "template-output", file: templateFile, line: output.templateLine[at.line - 1] ?? 1, column: 1, message: `${message} (output line ${at.line})`, hint });
  };
  for (const doc of parseDocuments(output.text, { lineCounter: lines })) {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) fail(error.pos[0], `the template produced invalid YAML: ${yamlErrorMessage(error.message)}`, "check the indentation and the YAML around this template line");
      continue;
    }
    if (doc.contents === null || isEmptyDocument(doc)) continue;
    const start = doc.contents.range?.[0] ?? 0;
    let composed: { object: unknown; origins: Map<string, SourceRef> };
    try {
      composed = composeDocument(doc.contents as Node, output, lines, templateFile);
    } catch (error) {
      if (!(error instanceof OutputShapeError)) throw error;
      fail(error.offset, error.message, "write the YAML out, or use {{#each}}");
      continue;
    }
    const object = composed.object;
    if (object === null || typeof object !== "object" || Array.isArray(object)) {
      fail(start, "the template produced a document that is not a mapping");
      continue;
    }
    if (!isNamedManifest(object)) {
      fail(start, "every document needs apiVersion, kind and metadata.name as strings");
      continue;
    }
    const origins: DocumentOrigins = new DocumentOrigins(output, templateFile, documents.length, composed.origins, () => composed.origins);
    documents.push({ object, templateFile, origins });
  }
  const result = { documents, diagnostics };
  fullParses.set(output, result);
  return result;
}
