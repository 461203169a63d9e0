import { LineCounter, parseAllDocuments, type Node } from "yaml";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Blueprint } from "../repo/blueprint.js";
import type { Cluster } from "../repo/cluster.js";
import type { KubeObject } from "../resources/resource.js";
import type { ResolvedValues } from "../values/resolve-values.js";
import type { SourceRef } from "../yaml/span.js";
import { isEmptyDocument } from "../yaml/empty-document.js";
import { assembleOutput } from "./assemble-output.js";
import { compileTemplate, type CompiledTemplate } from "./compile-template.js";
import { composeDocument, OutputShapeError } from "./origin-map.js";
import { TemplateError } from "./template-error.js";
import { ValueTracker } from "./value-tracker.js";

/** One manifest a release's templates produced, before it is placed in the tree. */
export interface RenderedDocument {
  object: KubeObject;
  templateFile: string;
  origins: Map<string, SourceRef>;
}

const compiled = new Map<string, CompiledTemplate>();

/** Compiled once per template text per process: rendering 1,000 releases of a blueprint compiles it once. */
function compiledTemplate(source: string): CompiledTemplate {
  let template = compiled.get(source);
  if (!template) {
    template = compileTemplate(source);
    compiled.set(source, template);
  }
  return template;
}

/** Renders every template of a release; problems come back as diagnostics positioned in the template. */
export function renderRelease(cluster: Cluster, index: number, blueprint: Blueprint, values: ResolvedValues): { documents: RenderedDocument[]; diagnostics: Diagnostic[] } {
  const release = cluster.releases[index];
  const documents: RenderedDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  const clusterRef = (path: (string | number)[]): SourceRef => {
    const span = cluster.yaml.locate(path);
    return { file: cluster.file, line: span.line, column: span.column };
  };
  for (const template of blueprint.templates) {
    const tracker = new ValueTracker();
    const state = { kubernetesVersion: cluster.kubernetesVersion, imageRewrite: cluster.imageRewrite, tracker, emissions: [] };
    const context = {
      values: tracker.wrap(values.values, values.origin),
      release: tracker.wrap({ name: release.name, namespace: release.namespace }, (p) => clusterRef(["spec", "releases", index, ...p])),
      cluster: tracker.wrap({ name: cluster.name, kubernetesVersion: cluster.kubernetesVersion, gitopsEngine: cluster.gitops.engine }, (p) =>
        clusterRef(p[0] === "name" ? ["metadata", "name"] : p[0] === "gitopsEngine" ? ["spec", "gitops", "engine"] : ["spec", ...p]),
      ),
    };
    let raw: string;
    try {
      raw = compiledTemplate(template.source)(context, state);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      diagnostics.push({ code: error.code, file: template.file, line: error.line, column: error.column, message: `${error.message} (release "${release.name}" of cluster ${cluster.name})`, hint: error.hint });
      continue;
    }
    const output = assembleOutput(raw, state.emissions);
    diagnostics.push(...parseOutput(output, template.file, documents));
  }
  return { documents, diagnostics };
}

function parseOutput(output: ReturnType<typeof assembleOutput>, templateFile: string, documents: RenderedDocument[]): Diagnostic[] {
  const lines = new LineCounter();
  const problems: Diagnostic[] = [];
  const fail = (offset: number, message: string, hint?: string) => {
    const at = lines.linePos(offset);
    problems.push({ code: "template-output", file: templateFile, line: output.templateLine[at.line - 1] ?? 1, column: 1, message: `${message} (output line ${at.line})`, hint });
  };
  for (const doc of parseAllDocuments(output.text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false })) {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) fail(error.pos[0], `the template produced invalid YAML: ${error.message.split("\n")[0]}`, "check the indentation and the YAML around this template line");
      continue;
    }
    if (doc.contents === null || isEmptyDocument(doc)) continue;
    const start = doc.contents.range?.[0] ?? 0;
    let composed: ReturnType<typeof composeDocument>;
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
    const manifest = object as KubeObject;
    const name = manifest.metadata?.name;
    if (typeof manifest.apiVersion !== "string" || typeof manifest.kind !== "string" || typeof name !== "string" || name === "") {
      fail(start, "every document needs apiVersion, kind and metadata.name as strings");
      continue;
    }
    documents.push({ object: manifest, templateFile, origins: composed.origins });
  }
  return problems;
}
