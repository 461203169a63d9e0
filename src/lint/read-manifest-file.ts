import { readFileSync, statSync } from "node:fs";
import { parseManifests, type ParsedManifests } from "../resources/parse-manifests.js";
import { describeBytes, MAX_MANIFEST_FILE_BYTES } from "../yaml/input-limits.js";

/** Reads and parses one manifest file given to lint; a file over the size limit is one problem, not read at all. */
export function readManifestFile(absolute: string, file: string): ParsedManifests {
  const size = statSync(absolute).size;
  if (size > MAX_MANIFEST_FILE_BYTES) {
    return {
      resources: [],
      problems: [{
        code: "yaml-syntax",
        severity: "error",
        file,
        span: { line: 1, column: 1, endLine: 1, endColumn: 1 },
        message: `the file is ${describeBytes(size)}; kforge reads manifest files of at most ${describeBytes(MAX_MANIFEST_FILE_BYTES)}: split it into several files`,
      }],
    };
  }
  return parseManifests(readFileSync(absolute, "utf8"), file, () => readFileSync(absolute, "utf8"));
}
