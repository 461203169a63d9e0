import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Blueprint } from "../repo/blueprint.js";
import type { Cluster } from "../repo/cluster.js";
import type { ResolvedValues } from "../values/resolve-values.js";
import { lazySourceRef } from "../yaml/lazy-source-ref.js";
import type { SourceRef } from "../yaml/span.js";
import { assembleOutput } from "./assemble-output.js";
import { compileTemplate, type CompiledTemplate } from "./compile-template.js";
import { parseOutput, type RenderedDocument } from "./parse-output.js";
import { TemplateError } from "./template-error.js";
import { ValueTracker } from "./value-tracker.js";

export type { RenderedDocument } from "./parse-output.js";

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
  const clusterRef = (path: (string | number)[]): SourceRef => lazySourceRef(cluster.file, () => cluster.yaml.locate(path));
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
    const parsed = parseOutput(assembleOutput(raw, state.emissions), template.file);
    documents.push(...parsed.documents);
    diagnostics.push(...parsed.diagnostics);
  }
  return { documents, diagnostics };
}
