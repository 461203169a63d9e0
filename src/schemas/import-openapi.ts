import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import type { JsonSchema } from "../validate/value-schemas.js";
import { ImportError } from "./import-error.js";
import { definitionsFromV3, hasV3Schemas } from "./openapi-v3.js";
import { parseJson } from "./parse-json.js";

/** OpenAPI definitions read for an import, and a description of where they came from. */
export interface OpenApiInput {
  definitions: Record<string, JsonSchema>;
  source: string;
  /** The Kubernetes version the documents say they describe (`info.version`, "v1.37.0"), when one does. */
  statedVersion?: string;
}

/** The first `info.version` of the documents that reads as a Kubernetes version. */
export function statedVersion(documents: readonly unknown[]): string | undefined {
  for (const document of documents) {
    const version = ((document as JsonSchema | null)?.info as JsonSchema | undefined)?.version;
    if (typeof version === "string" && /^v?1\.\d+(\.\d+)?([-+].*)?$/.test(version)) return version;
  }
  return undefined;
}

/**
 * Reads `path` (as `label`, the way the user wrote it): an OpenAPI v2 document (swagger.json,
 * with `definitions`) or a folder of OpenAPI v3 documents (*.json with `components.schemas`, as
 * api/openapi-spec/v3/ of the Kubernetes repository holds).
 */
export async function readOpenApi(path: string, label: string, shown = basename(label)): Promise<OpenApiInput> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new ImportError(`--openapi ${label}: no such file or folder`);
  if (info.isDirectory()) return readV3Folder(path, label, shown);
  const document = parseJson(await readFile(path, "utf8"), label) as JsonSchema;
  if (isRecord(document?.definitions)) return { definitions: document.definitions as Record<string, JsonSchema>, source: `OpenAPI v2 document ${shown}`, statedVersion: statedVersion([document]) };
  if (hasV3Schemas(document)) return { definitions: definitionsFromV3([document]), source: `OpenAPI v3 document ${shown}`, statedVersion: statedVersion([document]) };
  throw new ImportError(`${label}: neither an OpenAPI v2 document (no "definitions") nor an OpenAPI v3 one (no "components.schemas"); give swagger.json or the folder api/openapi-spec/v3 of the Kubernetes repository`);
}

async function readV3Folder(path: string, label: string, shown: string): Promise<OpenApiInput> {
  const files = (await readdir(path)).filter((name) => name.endsWith(".json")).sort();
  const documents: JsonSchema[] = [];
  for (const name of files) {
    const document = parseJson(await readFile(join(path, name), "utf8"), `${label.replace(/\/$/, "")}/${name}`);
    if (hasV3Schemas(document)) documents.push(document as JsonSchema);
  }
  if (documents.length === 0) throw new ImportError(`--openapi ${label}: the folder has no OpenAPI v3 document (*.json with "components.schemas"); give the folder api/openapi-spec/v3 of the Kubernetes repository, or swagger.json`);
  return { definitions: definitionsFromV3(documents), source: `OpenAPI v3 folder ${shown} (${documents.length} documents)`, statedVersion: statedVersion(documents) };
}

export function isRecord(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
