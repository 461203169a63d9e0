import { readFileSync } from "node:fs";

/** Errors that mean "there is no such file here": an input error for the caller to report. */
const MISSING = new Set(["ENOENT", "ENOTDIR", "EISDIR"]);

/**
 * A small file's text, or undefined when there is no file. Any other failure (permissions, a
 * name too long, too many open files) is a fault of the environment and is thrown, so that it
 * is reported as such rather than as a missing file. Read synchronously: much faster than
 * fs.promises when there are hundreds.
 */
export function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if (MISSING.has((error as NodeJS.ErrnoException).code ?? "")) return undefined;
    throw error;
  }
}
