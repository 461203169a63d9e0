import { codeInfo } from "../diagnostics/codes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Finding } from "./finding.js";

/**
 * Input errors (a values file that fails its schema, a broken template) as findings, so that
 * every output format carries them: in a pull request they become annotations on the line the
 * author edited and rows in the comment, like lint findings. A diagnostic without a hint gets
 * its code's fix; one in a cluster's folder is grouped with that cluster.
 */
export function diagnosticFindings(diagnostics: readonly Diagnostic[]): Finding[] {
  return uniqueDiagnostics(diagnostics).map((d) => {
    const line = Math.max(d.line, 1);
    const column = Math.max(d.column, 1);
    const finding: Finding = { ruleId: d.code, severity: codeInfo(d.code)?.severity ?? "error", message: d.message, file: d.file, line, column, endLine: line, endColumn: column + 1 };
    const remediation = d.hint ?? codeInfo(d.code)?.fix;
    if (remediation) finding.remediation = remediation;
    const cluster = clusterOfPath(d.file);
    if (cluster) finding.cluster = cluster;
    return finding;
  });
}

/**
 * One of each problem: the same policy problem is found once per cluster it applies to, and a
 * blueprint's once per release that uses it, but it is one mistake at one place.
 */
export function uniqueDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = JSON.stringify([d.code, d.file, d.line, d.column, d.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `clusters/<name>/...` -> name; the fleet ApplicationSet and other files belong to no cluster. */
export function clusterOfPath(file: string): string | undefined {
  const match = /^clusters\/([^/]+)\/./.exec(file);
  return match?.[1];
}
