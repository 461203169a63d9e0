import { readFileSync } from "node:fs";
import { parseManifests, type ManifestProblem } from "../resources/parse-manifests.js";
import type { FieldPath, KubeObject, Resource } from "../resources/resource.js";
import { readManifestFile } from "./read-manifest-file.js";
import { runWorker } from "../workers/run-worker.js";
import { configuredThreads } from "../workers/thread-count.js";
import type { Span } from "../yaml/span.js";
import { packageUrl } from "../package-root.js";

/** What a worker sends back for one file: plain data, positions left for later. */
export interface ParsedFileData {
  file: string;
  absolute: string;
  documents: { object: KubeObject; documentIndex: number }[];
  problems: ManifestProblem[];
}

/** Below this many files, starting workers costs more than it saves. */
const WORKER_THRESHOLD = 400;
const WORKER_URL = packageUrl("dist/lint/parse-worker.js");

/**
 * Parses manifest files. With KFORGE_WORKERS=N (N > 1), large sets are parsed by N worker threads; their resources
 * find positions lazily, by parsing their own file again in this thread, which only happens for
 * the few that have findings. Small sets, and runs from TypeScript sources, parse in this thread.
 */
export async function parseFiles(files: readonly { file: string; absolute: string }[]): Promise<{ resources: Resource[]; problems: ManifestProblem[] }> {
  const workers = configuredThreads();
  const canUseWorkers = import.meta.url.endsWith(".js") && files.length >= WORKER_THRESHOLD && workers > 1;
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
    resources: data.flatMap((f) => f.documents.map((d) => lazyResource(f, d.object, d.documentIndex))),
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

const reparsed = new Map<string, Resource[]>();

function lazyResource(data: ParsedFileData, object: KubeObject, documentIndex: number): Resource {
  const own = (): Resource | undefined => {
    let resources = reparsed.get(data.absolute);
    if (!resources) {
      resources = parseManifests(readFileSync(data.absolute, "utf8"), data.file).resources;
      reparsed.set(data.absolute, resources);
    }
    return resources.find((r) => r.documentIndex === documentIndex);
  };
  return {
    object,
    file: data.file,
    documentIndex,
    locate: (path: FieldPath): Span => own()?.locate(path) ?? { line: 1, column: 1, endLine: 1, endColumn: 1 },
    origin: () => undefined,
  };
}
