import type { Finding, Severity } from "../lint/finding.js";
import { sortFindings } from "../lint/run-rules.js";
import type { Formatter } from "./lint-report.js";

const COMMAND: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };

/**
 * GitHub Actions workflow commands, one annotation per finding. A finding in a rendered resource
 * is annotated on the values line that produced the field (the line the author edited, and the
 * one a pull request diff shows); its message names the rendered file and position.
 */
export const formatGithub: Formatter = (report) =>
  sortFindings([...report.findings])
    .map((f) => `::${COMMAND[f.severity]} ${properties(f)}::${escapeData(annotationMessage(f))}\n`)
    .join("");

function properties(f: Finding): string {
  const props: [string, string | number][] = f.source
    ? [
        ["file", f.source.file],
        ["line", f.source.line],
        ["col", f.source.column],
      ]
    : [["file", f.file], ...range(f)];
  props.push(["title", `kforge ${f.ruleId}`]);
  return props.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(",");
}

/** GitHub accepts columns only for single-line annotations. */
function range(f: Finding): [string, number][] {
  if (f.line < 1) return [];
  if (f.endLine !== f.line) return [["line", f.line], ["endLine", f.endLine]];
  return [["line", f.line], ["col", f.column], ["endLine", f.endLine], ["endColumn", f.endColumn]];
}

function annotationMessage(f: Finding): string {
  const rendered = f.source ? ` (rendered ${f.file}:${f.line}:${f.column})` : "";
  const fix = f.remediation ? `\nfix: ${f.remediation}` : "";
  return `${f.message}${rendered}${fix}`;
}

/** Message text: `%`, CR and LF, as the Actions runner decodes them. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Property values additionally escape `:` and `,`, which delimit the properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
