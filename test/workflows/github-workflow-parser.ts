import { register } from "node:module";

// @actions/workflow-parser imports its JSON schema without `with { type: "json" }`: bundlers
// accept that, Node refuses it, and vitest hands node_modules to Node. This loader hook adds the
// attribute for that package's JSON files only, so the parser loads unchanged and unbundled.
const addJsonAttribute = `export async function load(url, context, nextLoad) {
  if (url.endsWith(".json") && url.includes("/@actions/workflow-parser/") && !context.importAttributes?.type) {
    return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: "json" } });
  }
  return nextLoad(url, context);
}`;
register(`data:text/javascript,${encodeURIComponent(addJsonAttribute)}`);

const parser = await import("@actions/workflow-parser");

/**
 * The errors GitHub's own workflow parser (the one behind the Actions language service) reports
 * for a workflow file: schema errors from parsing, then model errors from conversion (jobs,
 * needs, expressions). Each message reads "name (Line: L, Col: C): what is wrong".
 */
export async function githubWorkflowErrors(name: string, content: string): Promise<string[]> {
  const result = parser.parseWorkflow({ name, content }, new parser.NoOperationTraceWriter());
  if (result.value) await parser.convertWorkflowTemplate(result.context, result.value);
  return result.context.errors.getErrors().map((error) => error.message);
}
