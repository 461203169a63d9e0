import type { ImportedRelease } from "../validate/imported-registry.js";
import type { StrictDefinitions } from "../validate/openapi-definitions.js";
import type { JsonSchema } from "../validate/value-schemas.js";
import { ImportError } from "./import-error.js";
import { isRecord } from "./import-openapi.js";
import { parseJson } from "./parse-json.js";

/** Folder of the imports, relative to the repository root. */
export const IMPORTED_DIR = "schemas/imported";
export const CRDS_DIR = `${IMPORTED_DIR}/crds`;
export const FORMAT = "kforge.dev/imported-kubernetes-schemas/v1";

export function releaseFileName(version: string): string {
  return `${IMPORTED_DIR}/kubernetes-${version}.json`;
}

/** kubernetes-1.37.json -> "1.37" */
export function releaseFileVersion(name: string): string | undefined {
  return /^kubernetes-(1\.\d+)\.json$/.exec(name)?.[1];
}

/**
 * The file of an imported release: plain JSON with sorted keys, one definition (and one
 * apiVersion's kinds) per line, so a pull request's diff shows which definitions changed.
 */
export function releaseFileText(version: string, source: string, strict: StrictDefinitions): string {
  const lines = (record: Record<string, unknown>) =>
    Object.keys(record)
      .sort()
      .map((key) => `    ${JSON.stringify(key)}: ${sortedJson(record[key])}`)
      .join(",\n");
  return `{
  "format": ${JSON.stringify(FORMAT)},
  "kubernetesVersion": ${JSON.stringify(version)},
  "source": ${JSON.stringify(source)},
  "importedWith": "kforge schemas import",
  "kinds": {
${lines(strict.kinds)}
  },
  "definitions": {
${lines(strict.definitions)}
  }
}
`;
}

/** Reads an imported release's file; anything malformed is an ImportError naming the file. */
export function parseReleaseFile(text: string, file: string, version: string): ImportedRelease {
  const data = parseJson(text, file) as JsonSchema;
  const redo = `run \`kforge schemas import --kube-version ${version} ...\` again, or delete the file`;
  if (!isRecord(data) || data.format !== FORMAT) throw new ImportError(`${file}: not a file of \`kforge schemas import\` (format is not "${FORMAT}"); ${redo}`);
  if (data.kubernetesVersion !== version) throw new ImportError(`${file}: holds Kubernetes ${String(data.kubernetesVersion)}, but its name says ${version}; rename it or ${redo}`);
  if (!isRecord(data.kinds) || !isRecord(data.definitions)) throw new ImportError(`${file}: "kinds" and "definitions" must be objects; ${redo}`);
  const strict = { kinds: data.kinds, definitions: data.definitions } as StrictDefinitions;
  const missing = missingReference(strict);
  if (missing) throw new ImportError(`${file}: ${missing}; ${redo}`);
  return { version, source: String(data.source ?? ""), file, strict };
}

/** The first reference to a definition that is not there, described; undefined when all resolve. */
export function missingReference(strict: StrictDefinitions): string | undefined {
  for (const [name, schema] of Object.entries(strict.definitions)) {
    const ref = [...refs(schema)].find((target) => !Object.hasOwn(strict.definitions, target));
    if (ref) return `definition ${name} references ${ref}, which is not defined`;
  }
  for (const [apiVersion, kinds] of Object.entries(strict.kinds)) {
    for (const [kind, name] of Object.entries(kinds)) if (!Object.hasOwn(strict.definitions, name)) return `kind ${apiVersion} ${kind} names definition ${name}, which is not defined`;
  }
  return undefined;
}

function* refs(value: unknown): Generator<string> {
  if (Array.isArray(value)) for (const item of value) yield* refs(item);
  else if (isRecord(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === "$ref" && typeof child === "string" && child.startsWith("#/definitions/")) yield child.slice("#/definitions/".length);
      else if (key !== "enum") yield* refs(child);
    }
  }
}

/** JSON on one line with every object's keys sorted. */
export function sortedJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
}
