import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Finding } from "./finding.js";

/**
 * Input errors (a values file that fails its schema, a broken template) as findings, so that
 * every output format carries them: in a pull request they become annotations on the line the
 * author edited and rows in the comment, like lint findings.
 */
export function diagnosticFindings(diagnostics: readonly Diagnostic[]): Finding[] {
  return diagnostics.map((d) => {
    const line = Math.max(d.line, 1);
    const column = Math.max(d.column, 1);
    const finding: Finding = { ruleId: d.code, severity: "error", message: d.message, file: d.file, line, column, endLine: line, endColumn: column + 1 };
    if (d.hint) finding.remediation = d.hint;
    return finding;
  });
}
