import { formatDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { uniqueDiagnostics } from "../lint/diagnostic-findings.js";
import type { CliIo } from "./cli-io.js";
import { plural } from "../report/plural.js";

/** Prints diagnostics sorted by file and position (each problem once), then a count. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], io: CliIo, outcome = "nothing was written"): void {
  const sorted = uniqueDiagnostics(diagnostics).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  for (const d of sorted) io.stderr(`${formatDiagnostic(d)}\n`);
  io.stderr(`${plural(sorted.length, "error")}; ${outcome}.\n`);
}
