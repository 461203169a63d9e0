import { readFileSync, realpathSync, statSync } from "node:fs";
import { fileSystemReason } from "../diagnostics/file-system-error.js";
import { describeBytes, MAX_VALUES_FILE_BYTES } from "../yaml/input-limits.js";
import { join, posix, sep } from "node:path";
import type { ErrorObject } from "ajv";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Blueprint } from "../repo/blueprint.js";
import type { Cluster } from "../repo/cluster.js";
import { errorLeaf, pointerToPath, schemaDiagnostics, splitUnknownFields } from "../repo/schema-diagnostics.js";
import type { FieldPath } from "../resources/resource.js";
import { parseYamlFile, type YamlFile } from "../yaml/read-yaml-file.js";
import { lazySourceRef } from "../yaml/lazy-source-ref.js";
import type { SourceRef } from "../yaml/span.js";
import { deepMerge } from "./deep-merge.js";

/** A release's values after merging, schema check and defaults, with the origin of each entry. */
export interface ResolvedValues {
  values: Record<string, unknown>;
  /** Where the value at `path` (relative to the values root) was written; undefined for defaults. */
  origin(path: FieldPath): SourceRef | undefined;
}

/**
 * Values come from the values file (if any) overlaid by inline `values:` in cluster.yaml. They
 * are checked against the blueprint's schema; every error points at the line and column of the
 * offending value in whichever file wrote it.
 */
export async function resolveValues(root: string, cluster: Cluster, index: number, blueprint: Blueprint): Promise<{ resolved?: ResolvedValues; diagnostics: Diagnostic[] }> {
  const release = cluster.releases[index];
  const schema = blueprint.valuesSchema();
  if (!schema.validator) return { diagnostics: schema.diagnostics };
  const inlineBase: FieldPath = ["spec", "releases", index, "values"];
  let fromFile: YamlFile | undefined;
  if (release.valuesFile !== undefined) {
    const loaded = await loadValuesFile(root, cluster, index);
    if (!loaded.yaml) return { diagnostics: loaded.diagnostics };
    fromFile = loaded.yaml;
  }
  const merged = deepMerge((fromFile?.value as Record<string, unknown>) ?? {}, release.values ?? {});
  const values = structuredClone(merged);
  const sources = [
    { yaml: cluster.yaml, base: inlineBase },
    ...(fromFile ? [{ yaml: fromFile, base: [] as FieldPath }] : []),
  ];
  const writtenIn = (path: FieldPath) => sources.find((s) => s.yaml.has([...s.base, ...path]));
  const validateValues = schema.validator();
  if (!validateValues(values)) {
    const what = `values of release "${release.name}" do not match blueprint ${blueprint.name} (${blueprint.schemaFile})`;
    const groups = new Map<(typeof sources)[number], ErrorObject[]>();
    for (const error of splitUnknownFields(validateValues.errors ?? [])) {
      const path = pointerToPath(error.instancePath);
      const leaf = errorLeaf(error);
      // Errors about values nobody wrote (a missing required field) go to the values file when
      // there is one, else to the release's entry in cluster.yaml.
      const source = writtenIn(leaf) ?? writtenIn(path) ?? (fromFile ? sources[1] : sources[0]);
      groups.set(source, [...(groups.get(source) ?? []), error]);
    }
    const diagnostics = [...groups].flatMap(([s, errors]) => {
      const base = s.yaml === cluster.yaml && !cluster.yaml.has(inlineBase) ? ["spec", "releases", index] : s.base;
      return schemaDiagnostics(errors, s.yaml, base, "values-schema", what);
    });
    return { diagnostics };
  }
  return {
    diagnostics: [],
    resolved: {
      values: values as Record<string, unknown>,
      origin(path) {
        const source = writtenIn(path);
        return source && lazySourceRef(source.yaml.file, () => source.yaml.locate([...source.base, ...path]));
      },
    },
  };
}

const realRoots = new Map<string, string>();

/** The repository root with links resolved, once per root. */
function realRootOf(root: string): string {
  let real = realRoots.get(root);
  if (real === undefined) {
    real = realpathSync.native(root);
    realRoots.set(root, real);
  }
  return real;
}

async function loadValuesFile(root: string, cluster: Cluster, index: number): Promise<{ yaml?: YamlFile; diagnostics: Diagnostic[] }> {
  const release = cluster.releases[index];
  const fail = (message: string, hint?: string) => {
    const at = cluster.yaml.locate(["spec", "releases", index, "valuesFile"]);
    return { diagnostics: [{ code: "values-file" as const, file: cluster.file, line: at.line, column: at.column, message, hint }] };
  };
  const requested = release.valuesFile as string;
  const file = posix.normalize(posix.join(cluster.dir, requested));
  if (posix.isAbsolute(requested) || file.startsWith("../") || file === "..") {
    return fail(`valuesFile "${requested}" points outside the repository`, "give a path relative to the cluster folder, inside the repository");
  }
  let text: string;
  try {
    // A link inside the repository may point anywhere: judge where the file really is.
    const real = realpathSync.native(join(root, file));
    const realRoot = realRootOf(root);
    if (real !== realRoot && !real.startsWith(realRoot + sep)) {
      return fail(`valuesFile "${requested}" is a link to a file outside the repository`, "values must live in the repository, where reviews see them");
    }
    const size = statSync(real).size;
    if (size > MAX_VALUES_FILE_BYTES) {
      return { diagnostics: [{ code: "file-too-large" as const, file, line: 0, column: 0, message: `the values file is ${describeBytes(size)}; kforge reads values files of at most ${describeBytes(MAX_VALUES_FILE_BYTES)}`, hint: "values this large cannot fit the objects they fill (the API server stores at most 1.5 MiB per object): move data into files the workload reads, or split the release" }] };
    }
    text = readFileSync(real, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const system = code === "ENOENT" || code === "ENOTDIR" ? undefined : fileSystemReason(error);
    // A name too long or a file kforge may not read is not "missing": say what the system said.
    if (system) return fail(`valuesFile "${requested}" cannot be read: ${system.reason}`, system.todo);
    return fail(`valuesFile "${requested}" does not exist (looked for ${file})`, "paths are relative to the cluster folder");
  }
  const parsed = parseYamlFile(text, file);
  if (!parsed.yaml) return { diagnostics: parsed.diagnostics };
  const value = parsed.yaml.value;
  if (value === null || value === undefined) return { diagnostics: [], yaml: { ...parsed.yaml, value: {} } };
  if (typeof value !== "object" || Array.isArray(value)) {
    return { diagnostics: [{ code: "values-file", file, line: 1, column: 1, message: "a values file must be a mapping of value names to values" }] };
  }
  return parsed;
}
