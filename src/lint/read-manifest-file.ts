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
  const text = readFileSync(absolute, "utf8");
  // Positions need the text again only for files with findings: small ones keep it, large ones read it again.
  return parseManifests(text, file, size <= KEEP_TEXT_BYTES ? () => text : () => readFileSync(absolute, "utf8"));
}

/** Files up to this size keep their text for positions: 5,000 typical manifests hold a few MiB. */
const KEEP_TEXT_BYTES = 256 * 1024;
