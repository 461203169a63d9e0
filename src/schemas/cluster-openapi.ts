import type { JsonSchema } from "../validate/value-schemas.js";
import { ImportError } from "./import-error.js";
import type { OpenApiInput } from "./import-openapi.js";
import { isRecord, statedVersion } from "./import-openapi.js";
import { runKubectl } from "./kubectl.js";
import { definitionsFromV3 } from "./openapi-v3.js";
import { parseJson } from "./parse-json.js";

/**
 * The OpenAPI v3 of the cluster kubectl reaches: `get --raw /openapi/v3` lists a document per
 * group-version, each fetched with `get --raw <serverRelativeURL>` and converted like a folder of
 * the Kubernetes repository's api/openapi-spec/v3.
 */
export async function readClusterOpenApi(context?: string): Promise<OpenApiInput> {
  const index = await rawJson("/openapi/v3", context);
  const paths = isRecord(index) && isRecord(index.paths) ? (index.paths as Record<string, JsonSchema>) : undefined;
  if (!paths) throw new ImportError(`kubectl get --raw /openapi/v3 did not list any document ("paths" is missing); the API server must serve OpenAPI v3 (Kubernetes 1.24 and newer)`);
  const documents: JsonSchema[] = [];
  for (const name of Object.keys(paths).sort()) {
    const url = paths[name]?.serverRelativeURL;
    if (typeof url !== "string" || !url.startsWith("/")) throw new ImportError(`kubectl get --raw /openapi/v3: paths."${name}" has no serverRelativeURL`);
    documents.push((await rawJson(url, context)) as JsonSchema);
  }
  const where = context ? `context ${context}` : "the current context";
  return { definitions: definitionsFromV3(documents), source: `OpenAPI v3 of the cluster (kubectl, ${where}; ${documents.length} documents)`, statedVersion: statedVersion(documents) };
}

async function rawJson(path: string, context?: string): Promise<unknown> {
  const text = await runKubectl(["get", "--raw", path], context);
  return parseJson(text, `kubectl get --raw ${path}`);
}
