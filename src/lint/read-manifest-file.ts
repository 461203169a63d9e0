import { closeSync, fstatSync, openSync, readFileSync, statSync } from "node:fs";
import { parseManifests, type ParsedManifests } from "../resources/parse-manifests.js";
import { describeBytes, MAX_MANIFEST_FILE_BYTES } from "../yaml/input-limits.js";

/** Reads and parses one manifest file given to lint; a file over the size limit is one problem, not read at all. */
export function readManifestFile(absolute: string, file: string): ParsedManifests {
  const read = readThroughOneOpen(absolute) ?? readByPath(absolute);
  if (read.text === undefined) return tooLarge(file, read.size);
  const text = read.text;
  // Positions need the text again only for files with findings: small ones keep it, large ones read it again.
  return parseManifests(text, file, read.size <= KEEP_TEXT_BYTES ? () => text : () => readFileSync(absolute, "utf8"));
}

interface FileRead {
  size: number;
  /** Undefined when the file is over the size limit. */
  text?: string;
}

/**
 * The size check and the read through one open file: for thousands of small files, cheaper than a
 * stat and a read by path. Undefined on any error, so that readByPath reports it as before.
 */
function readThroughOneOpen(absolute: string): FileRead | undefined {
  let fd: number;
  try {
    fd = openSync(absolute, "r");
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(fd).size;
    return size > MAX_MANIFEST_FILE_BYTES ? { size } : { size, text: readFileSync(fd, "utf8") };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function readByPath(absolute: string): FileRead {
  const size = statSync(absolute).size;
  return size > MAX_MANIFEST_FILE_BYTES ? { size } : { size, text: readFileSync(absolute, "utf8") };
}

function tooLarge(file: string, size: number): ParsedManifests {
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

/** Files up to this size keep their text for positions: 5,000 typical manifests hold a few MiB. */
const KEEP_TEXT_BYTES = 256 * 1024;
