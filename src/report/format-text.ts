import type { Finding, Severity } from "../lint/finding.js";
import { sortFindings } from "../lint/run-rules.js";
import type { FormatOptions, Formatter, LintReport, LintSummary, LintedTarget } from "./lint-report.js";
import { plural } from "./plural.js";

/** Lines of source shown above the flagged line in a code frame. */
const CONTEXT_LINES = 2;

type Paint = (text: string) => string;
interface Palette {
  bold: Paint;
  dim: Paint;
  red: Paint;
  yellow: Paint;
  cyan: Paint;
  green: Paint;
}

// Hand-written SGR codes: six styles do not justify a dependency.
const sgr = (open: number, close: number): Paint => (text) => `\u001b[${open}m${text}\u001b[${close}m`;
const ANSI: Palette = { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), yellow: sgr(33, 39), cyan: sgr(36, 39), green: sgr(32, 39) };
const plain: Paint = (text) => text;
const PLAIN: Palette = { bold: plain, dim: plain, red: plain, yellow: plain, cyan: plain, green: plain };

/**
 * Compiler-style output for people: one block per finding, grouped by file, each with a code
 * frame, the fix, and for rendered resources the values line that produced the field.
 */
export const formatText: Formatter = (report, options) => {
  const paint = options.color ? ANSI : PLAIN;
  const lines = linesReader(options.readSource);
  const blocks = sortFindings([...report.findings]).map((f) => findingBlock(f, lines, paint));
  const summary = summaryLine(report, paint);
  return blocks.length ? `${blocks.join("\n\n")}\n\n${summary}\n` : `${summary}\n`;
};

function findingBlock(f: Finding, lines: (file: string) => string[] | undefined, paint: Palette): string {
  const severity = severityPaint(f.severity, paint)(f.severity);
  // The rule id ends the first line; further message lines follow indented.
  const [first, ...more] = f.message.split(/\r?\n/);
  const out = [`${paint.bold(`${f.file}:${f.line}:${f.column}`)}  ${severity}  ${first}  ${paint.dim(f.ruleId)}`];
  out.push(...more.map((line) => `  ${line}`));
  const fileLines = lines(f.file);
  if (fileLines) out.push(...codeFrame(fileLines, f, paint));
  if (f.remediation) out.push(`  ${paint.green("fix:")} ${f.remediation}`);
  if (f.source) {
    const { file, line, column } = f.source;
    out.push(`  ${paint.cyan("from:")} ${file}:${line}:${column}`);
    const text = lines(file)?.[line - 1];
    if (text !== undefined) out.push(`    ${paint.dim(`${line} |`)} ${clip(text, windowStart(text, column))}`.trimEnd());
  }
  return out.join("\n");
}

/**
 * Up to two lines of context, the flagged line marked with `>`, and a caret line under the range.
 * Long lines (minified or generated YAML) show a window around the flagged column.
 */
function codeFrame(fileLines: string[], f: Finding, paint: Palette): string[] {
  const target = fileLines[f.line - 1];
  if (target === undefined) return [];
  const first = Math.max(1, f.line - CONTEXT_LINES);
  const width = String(f.line).length;
  const gutter = (n: number | "") => String(n).padStart(width);
  const start = windowStart(target, f.column);
  const frame: string[] = [];
  for (let n = first; n <= f.line; n++) {
    const marker = n === f.line ? paint.red(">") : " ";
    frame.push(`  ${marker} ${paint.dim(`${gutter(n)} |`)} ${clip(fileLines[n - 1], start)}`.trimEnd());
  }
  const shift = start > 0 ? start - 1 : 0; // the window drops `start` characters and adds "…"
  const shownLine = clip(target, start);
  const shown = { ...f, column: f.column - shift, endColumn: Math.min(f.endColumn - shift, shownLine.length + 1) };
  frame.push(`    ${paint.dim(`${gutter("")} |`)} ${paint.red(caret(shownLine, shown))}`);
  return frame;
}

/** Longest line shown whole in a code frame. */
const MAX_SHOWN = 160;

/** Where the shown window of `line` starts: 0, or some way before the flagged column. */
export function windowStart(line: string, column: number): number {
  if (line.length <= MAX_SHOWN) return 0;
  return Math.max(0, Math.min(column - 1 - 40, line.length - MAX_SHOWN));
}

/** `line` from `start`, at most MAX_SHOWN characters, with "…" where it was cut. */
export function clip(line: string, start: number): string {
  if (line.length <= MAX_SHOWN && start === 0) return line;
  const cut = line.slice(start, start + MAX_SHOWN);
  return `${start > 0 ? "…" : ""}${cut}${start + MAX_SHOWN < line.length ? "…" : ""}`;
}

/** `^~~~` from column to endColumn (exclusive); a range running past this line ends at its end. */
export function caret(lineText: string, f: Pick<Finding, "line" | "column" | "endLine" | "endColumn">): string {
  const column = Math.max(1, f.column);
  const end = f.endLine === f.line ? f.endColumn : lineText.length + 1;
  const length = Math.max(1, end - column);
  // Keep tabs so the caret lines up however the terminal expands them.
  const indent = lineText.slice(0, column - 1).replace(/[^\t]/g, " ").padEnd(column - 1);
  return `${indent}^${"~".repeat(length - 1)}`;
}

function severityPaint(severity: Severity, paint: Palette): Paint {
  return severity === "error" ? paint.red : severity === "warning" ? paint.yellow : paint.cyan;
}

function linesReader(readSource: FormatOptions["readSource"]): (file: string) => string[] | undefined {
  const cache = new Map<string, string[] | undefined>();
  return (file) => {
    if (!cache.has(file)) cache.set(file, readSource(file)?.split(/\r?\n/));
    return cache.get(file);
  };
}


/** `✖ 3 errors, 1 warning in 2 files (42 resources; clusters: dev (Kubernetes 1.18, ...))`. */
function summaryLine(report: LintReport, paint: Palette): string {
  const s = report.summary;
  const exempted = s.exempted > 0 ? `, ${s.exempted} exempted by policy` : "";
  const scope = `(${plural(s.resources, "resource")}${targetsText(report.targets)})`;
  if (report.findings.length === 0) return `${paint.green("✔")} no problems${exempted} ${scope}`;
  const counts = countsText(s);
  // Notes alone are no warning: the mark says the worst that was found.
  const mark = s.failed ? paint.red("✖") : s.errors + s.warnings > 0 ? paint.yellow("⚠") : paint.green("ℹ");
  return `${mark} ${paint.bold(counts)}${exempted} in ${plural(s.filesWithFindings, "file")} ${scope}`;
}

function countsText(s: LintSummary): string {
  const parts = [plural(s.errors, "error"), plural(s.warnings, "warning")];
  if (s.infos > 0) parts.push(plural(s.infos, "info"));
  return parts.join(", ");
}

function targetsText(targets: LintedTarget[]): string {
  const describe = (t: LintedTarget) => `Kubernetes ${t.kubernetesVersion}, schemas ${t.schemaSet}`;
  if (targets.length === 0) return "";
  // Linting paths reports a single target named "files": no cluster to name.
  if (targets.length === 1 && targets[0].name === "files") return `; ${describe(targets[0])}`;
  if (targets.length <= 4) return `; clusters: ${targets.map((t) => `${t.name} (${describe(t)})`).join(", ")}`;
  // Many clusters: group them by version instead of naming each.
  const byVersion = new Map<string, number>();
  for (const t of targets) byVersion.set(describe(t), (byVersion.get(describe(t)) ?? 0) + 1);
  return `; ${plural(targets.length, "cluster")}: ${[...byVersion].map(([d, n]) => `${n} on ${d}`).join(", ")}`;
}
