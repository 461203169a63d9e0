import { parentPort, workerData } from "node:worker_threads";
import { readManifestFile } from "./read-manifest-file.js";
import type { ParsedFileData } from "./parse-files.js";

/** Worker side of parse-files.ts: parses its share of the files and sends back plain data. */
const { files } = workerData as { files: { file: string; absolute: string }[] };
const results: ParsedFileData[] = files.map(({ file, absolute }) => {
  const parsed = readManifestFile(absolute, file);
  return { file, absolute, readFast: parsed.readFast === true, documents: parsed.resources.map((r) => ({ object: r.object, documentIndex: r.documentIndex })), problems: parsed.problems };
});
parentPort?.postMessage(results);
