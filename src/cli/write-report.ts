import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { isFileSystemError } from "../diagnostics/file-system-error.js";
import { formatterFor } from "../report/formatters.js";
import type { LintReport } from "../report/lint-report.js";
import type { CliIo } from "./cli-io.js";
import type { LintOutputOptions } from "./lint-options.js";
import { useColor } from "./use-color.js";

/** Prints (or writes to --output) the report in the chosen format. `memory` holds rendered files. */
export async function writeReport(report: LintReport, options: LintOutputOptions, io: CliIo, root: string, memory?: ReadonlyMap<string, string>): Promise<void> {
  const readSource = (file: string) => {
    const rendered = memory?.get(file);
    if (rendered !== undefined) return rendered;
    try {
      return readFileSync(resolve(root, file), "utf8");
    } catch {
      return undefined;
    }
  };
  const text = formatterFor(options.format)(report, { color: useColor(io.isTty, Boolean(options.output)), readSource });
  if (options.output) {
    const path = resolve(io.cwd, options.output);
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
    } catch (error) {
      // A failed write(2) names no file: the message to the user must.
      if (isFileSystemError(error)) error.path ??= path;
      throw error;
    }
  } else {
    io.stdout(text);
  }
}
