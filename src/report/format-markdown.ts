import { SEVERITY_RANK, type Finding, type Severity } from "../lint/finding.js";
import { sortFindings } from "../lint/run-rules.js";
import { describeResource } from "../resources/resource.js";
import { neutralize } from "./inert-text.js";
import type { Formatter, LintReport, LintedTarget } from "./lint-report.js";
import { plural } from "./plural.js";

/** Rows shown across all tables; a pull request comment holds at most 65,536 characters. */
export const MAX_ROWS = 200;

const BADGE: Record<Severity, string> = { error: "❌ error", warning: "⚠️ warning", info: "ℹ️ info" };

/**
 * For job summaries and pull request comments: a table of targets, then one table of findings
 * per cluster, errors first so the most important ones survive the row limit.
 */
export const formatMarkdown: Formatter = (report) => {
  const groups = groupByTarget(report);
  const out = [`## kforge ${report.command ?? "lint"}`, "", statusLine(report), ""];
  out.push("| Cluster | Kubernetes | Errors | Warnings | Resources |", "| --- | --- | ---: | ---: | ---: |");
  for (const { target, name, findings } of groups) {
    const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
    const version = target ? escapeCell(target.kubernetesVersion) : "";
    out.push(`| ${escapeCell(name)} | ${version} | ${count("error")} | ${count("warning")} | ${target?.resources ?? ""} |`);
  }
  let budget = MAX_ROWS;
  for (const { name, findings } of groups) {
    if (findings.length === 0) continue;
    out.push("", `### ${escapeCell(name)}`, "");
    const shown = findings.slice(0, Math.max(0, budget));
    budget -= shown.length;
    if (shown.length) {
      out.push("| Severity | Rule | Resource | Location | From | Message |", "| --- | --- | --- | --- | --- | --- |");
      out.push(...shown.map(row));
    }
    if (shown.length < findings.length) out.push("", `... and ${findings.length - shown.length} more`);
  }
  return `${out.join("\n")}\n`;
};

function statusLine(report: LintReport): string {
  const s = report.summary;
  const resources = plural(s.resources, "resource");
  const exempted = s.exempted > 0 ? `; ${s.exempted} exempted by policy` : "";
  if (report.findings.length === 0) return `✅ No problems found (${resources} checked${exempted}).`;
  const counts = [plural(s.errors, "error"), plural(s.warnings, "warning")];
  if (s.infos > 0) counts.push(plural(s.infos, "info"));
  const files = plural(s.filesWithFindings, "file");
  const mark = s.failed ? "❌" : s.errors + s.warnings > 0 ? "⚠️" : "ℹ️";
  return `${mark} **${counts.join(", ")}** in ${files} (${resources} checked${exempted}).`;
}

function row(f: Finding): string {
  const resource = f.resource ? escapeCell(describeResource(f.resource)) : "";
  const from = f.source ? code(`${f.source.file}:${f.source.line}`) : "";
  const cells = [BADGE[f.severity], code(f.ruleId), resource, code(`${f.file}:${f.line}`), from, escapeCell(f.message)];
  return `| ${cells.join(" | ")} |`;
}

interface Group {
  name: string;
  target?: LintedTarget;
  findings: Finding[];
}

/** One group per target, in report order; findings without a cluster belong to a lone target. */
function groupByTarget(report: LintReport): Group[] {
  const groups = new Map<string, Group>(report.targets.map((t) => [t.name, { name: t.name, target: t, findings: [] }]));
  const fallback = report.targets.length === 1 ? report.targets[0].name : "files";
  for (const f of report.findings) {
    const name = f.cluster ?? fallback;
    if (!groups.has(name)) groups.set(name, { name, findings: [] });
    groups.get(name)!.findings.push(f);
  }
  for (const group of groups.values()) {
    const ordered = sortFindings(group.findings);
    group.findings = ordered.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  }
  return [...groups.values()];
}

/**
 * Text in a table cell: backslash-escapes Markdown punctuation (so `|` cannot end the cell and
 * user text cannot open links, emphasis or HTML), breaks up mentions and bare URLs, and turns
 * line breaks into `<br>`.
 */
export function escapeCell(text: string): string {
  return neutralize(text).replace(/[\\`*_[\]<>|~]/g, "\\$&").replace(/\r?\n/g, "<br>");
}

/** A code span that survives any backticks in the text; `|` still needs escaping inside tables. */
export function code(text: string): string {
  const flat = text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = longest > 0 ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}
