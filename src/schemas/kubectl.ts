import { execFile } from "node:child_process";
import { ImportError } from "./import-error.js";

/** Enough for the OpenAPI of a large API group, or every CRD of a busy cluster. */
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

/**
 * Runs the user's kubectl (KFORGE_KUBECTL names another binary) with an argument list, never
 * through a shell, and returns what it printed. `--context` is added when a context is given.
 * A missing binary, a failure or a signal is an ImportError saying what to do.
 */
export function runKubectl(args: readonly string[], context?: string): Promise<string> {
  const binary = process.env.KFORGE_KUBECTL || "kubectl";
  const full = [...(context ? ["--context", context] : []), ...args];
  const shown = `kubectl ${full.join(" ")}`;
  return new Promise((resolve, reject) => {
    execFile(binary, full, { maxBuffer: MAX_OUTPUT_BYTES, encoding: "utf8", windowsHide: true }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") {
        return reject(new ImportError(`cannot run ${binary === "kubectl" ? "kubectl" : `"${binary}" (KFORGE_KUBECTL)`}: not found; install kubectl and put it on PATH, or set KFORGE_KUBECTL to its path`));
      }
      if (code === "EACCES") return reject(new ImportError(`cannot run "${binary}": permission denied; make it executable`));
      if (code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER") return reject(new ImportError(`${shown} printed more than ${MAX_OUTPUT_BYTES / 1024 / 1024} MiB`));
      const said = firstLines(stderr) || firstLines(stdout) || error.message;
      const how = typeof code === "number" ? `exit code ${code}` : error.signal ? `signal ${error.signal}` : "failed";
      reject(new ImportError(`${shown} failed (${how}): ${said}; check that kubectl reaches the cluster${context ? "" : " (or pass --context NAME)"}`));
    });
  });
}

function firstLines(text: string): string {
  return text.trim().split("\n").slice(0, 3).join(" / ");
}
