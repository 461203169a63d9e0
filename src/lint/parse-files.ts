import { readFileSync } from "node:fs";
import { parseManifests, type ManifestProblem } from "../resources/parse-manifests.js";
import type { FieldPath, KubeObject, Resource } from "../resources/resource.js";
import { readManifestFile } from "./read-manifest-file.js";
import { runWorker } from "../workers/run-worker.js";
import { configuredThreads } from "../workers/thread-count.js";
import type { Span } from "../yaml/span.js";
import { textLocator, type TextLocator } from "../yaml/text-locator.js";
import { packageUrl } from "../package-root.js";

/** What a worker sends back for one file: plain data, positions left for later. */
export interface ParsedFileData {
  file: string;
  absolute: string;
  documents: { object: KubeObject; documentIndex: number }[];
  problems: ManifestProblem[];
  /** The worker's fast reader read the file: positions can come from its text (text-locator.ts). */
  readFast: boolean;
}

/** Below this many files, starting workers costs more than it saves. */
const WORKER_THRESHOLD = 400;
const WORKER_URL = packageUrl("dist/lint/parse-worker.js");

/**
 * Parses manifest files. With KFORGE_WORKERS=N (N > 1), large sets are parsed by N worker threads; their resources
 * find positions lazily, in their file's text read again in this thread (parsed again only where
 * the text locator is unsure), which only happens for those that have findings. Small sets, and runs from TypeScript sources, parse in this thread.
 */
export async function parseFiles(files: readonly { file: string; absolute: string }[]): Promise<{ resources: Resource[]; problems: ManifestProblem[] }> {
  const workers = configuredThreads();
  const canUseWorkers = !import.meta.url.endsWith(".ts") && files.length >= WORKER_THRESHOLD && workers > 1;
  const data = canUseWorkers ? await parseInWorkers(files, workers) : undefined;
  if (!data) {
    const resources: Resource[] = [];
    const problems: ManifestProblem[] = [];
    for (const { file, absolute } of files) {
      const parsed = readManifestFile(absolute, file);
      resources.push(...parsed.resources);
      problems.push(...parsed.problems);
    }
    return { resources, problems };
  }
  return {
    resources: data.flatMap((f) => f.documents.map((d, ordinal) => lazyResource(f, d.object, d.documentIndex, ordinal))),
    problems: data.flatMap((f) => f.problems),
  };
}

async function parseInWorkers(files: readonly { file: string; absolute: string }[], count: number): Promise<ParsedFileData[]> {
  const shares = Array.from({ length: count }, (_, i) => files.filter((_, j) => j % count === i));
  const parts = await Promise.all(
    shares.map((share) => runWorker<ParsedFileData[]>(WORKER_URL, { files: share })),
  );
  // Back in the original file order, so output does not depend on scheduling.
  const byFile = new Map(parts.flat().map((p) => [p.file, p]));
  return files.map((f) => byFile.get(f.file)!);
}

/** Per file with findings: its text, located in directly when the worker read it fast, else parsed fully once. */
const sources = new Map<string, { text: string; locator?: TextLocator; full?: Resource[] }>();

function lazyResource(data: ParsedFileData, object: KubeObject, documentIndex: number, ordinal: number): Resource {
  const source = () => {
    let known = sources.get(data.absolute);
    if (!known) {
      const text = readFileSync(data.absolute, "utf8");
      known = data.readFast ? { text, locator: textLocator(text) } : { text };
      sources.set(data.absolute, known);
    }
    return known;
  };
  return {
    object,
    file: data.file,
    documentIndex,
    locate: (path: FieldPath): Span => {
      const known = source();
      const span = known.locator?.locate(ordinal, path);
      if (span) return span;
      known.full ??= parseManifests(known.text, data.file).resources;
      return known.full.find((r) => r.documentIndex === documentIndex)?.locate(path) ?? { line: 1, column: 1, endLine: 1, endColumn: 1 };
    },
    origin: () => undefined,
  };
}
