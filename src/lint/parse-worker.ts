import { readFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { parseManifests } from "../resources/parse-manifests.js";
import type { ParsedFileData } from "./parse-files.js";

/** Worker side of parse-files.ts: parses its share of the files and sends back plain data. */
const { files } = workerData as { files: { file: string; absolute: string }[] };
const results: ParsedFileData[] = files.map(({ file, absolute }) => {
  const parsed = parseManifests(readFileSync(absolute, "utf8"), file);
  return { file, absolute, documents: parsed.resources.map((r) => ({ object: r.object, documentIndex: r.documentIndex })), problems: parsed.problems };
});
parentPort?.postMessage(results);
