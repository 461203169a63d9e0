import type { Severity } from "../lint/finding.js";
import { code, fenced, htmlText, inline } from "./markdown-text.js";
import type { ClusterDiff, ReportFinding, ReportTarget } from "./report-input.js";
import { plural } from "../report/plural.js";

/** Everything the comment says about one cluster. */
export interface ClusterSection {
  name: string;
  target?: ReportTarget;
  findings: ReportFinding[];
  diff?: ClusterDiff;
  /** Findings this pull request fixes, when a diff says so. */
  fixed: ReportFinding[];
}

const BADGE: Record<Severity, string> = { error: "❌ error", warning: "⚠️ warning", info: "ℹ️ info" };
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export { plural };

/**
 * Heading, facts line, diff summary and findings table of a cluster; `rows` caps the table.
 * `newOnly`: the findings are those the change introduces (a diff without a check result).
 */
export function clusterSummary(section: ClusterSection, rows: number, newOnly: boolean): string[] {
  const out = ["", `### ${inline(section.name, 200)}`, ""];
  const facts: string[] = [];
  if (section.target?.kubernetesVersion) facts.push(`Kubernetes ${inline(section.target.kubernetesVersion, 50)}`);
  if (section.target) facts.push(plural(section.target.resources, "resource"));
  if (section.diff) facts.push(diffCounts(section.diff));
  if (section.fixed.length > 0) facts.push(`fixes ${plural(section.fixed.length, "finding")}`);
  if (facts.length > 0) out.push(capitalize(facts.join(" · ")), "");
  const findings = bySeverity(section.findings);
  if (findings.length === 0) {
    out.push(newOnly ? "✅ No new findings." : "✅ No findings.");
    return out;
  }
  const shown = findings.slice(0, Math.max(0, rows));
  if (shown.length > 0) {
    out.push("| Severity | Rule | Resource | Location | Message |", "| --- | --- | --- | --- | --- |");
    out.push(...shown.map(findingRow));
  }
  if (shown.length < findings.length) out.push("", `… and ${findings.length - shown.length} more (see the details below or the job summary).`);
  return out;
}

/** `+2 added, −1 removed, ~3 changed`, or that the cluster's render did not change. */
export function diffCounts(diff: ClusterDiff): string {
  if (diff.state === "base-failed") return "**not compared: the base does not render**";
  const { added, removed, changed } = diff.counts;
  const state = diff.state === "new" ? "new cluster: " : diff.state === "deleted" ? "cluster deleted: " : "";
  if (state) return `${state}**+${added} added, −${removed} removed**`;
  if (added + removed + changed === 0) return "no changes to rendered objects";
  return `**+${added} added, −${removed} removed, ~${changed} changed**`;
}

function findingRow(f: ReportFinding): string {
  const cells = [BADGE[f.severity], code(f.ruleId, 100), f.resource ? inline(f.resource, 200) : "", code(`${f.file}:${f.line}`), inline(f.message, 500)];
  return `| ${cells.join(" | ")} |`;
}

/** The folded part of a cluster: changed objects with their patches, then each finding in full. */
export function clusterDetails(section: ClusterSection): string[] {
  const changes = section.diff ? section.diff.counts.added + section.diff.counts.removed + section.diff.counts.changed : 0;
  if (changes === 0 && section.findings.length === 0 && section.fixed.length === 0) return [];
  const title = `${section.name}: ${plural(changes, "change")}, ${plural(section.findings.length, "finding")}`;
  const out = ["", `<details><summary>${htmlText(title)}</summary>`, ""];
  if (section.diff && changes > 0) out.push(...changeList(section.diff));
  if (section.findings.length > 0) out.push("**Findings**", "", ...bySeverity(section.findings).map((f) => `- ${findingDetail(f)}`), "");
  if (section.fixed.length > 0) out.push("**Fixed by this change**", "", ...section.fixed.map((f) => `- ${findingDetail(f)}`), "");
  out.push("</details>");
  return out;
}

function changeList(diff: ClusterDiff): string[] {
  const out = ["**Changes**", ""];
  out.push(...diff.added.map((r) => `- added ${code(r)}`));
  out.push(...diff.removed.map((r) => `- removed ${code(r)}`));
  for (const change of diff.changed) {
    const fields = change.fields.length > 0 ? `: ${change.fields.map((f) => code(f, 200)).join(", ")}` : "";
    out.push(`- changed ${code(change.resource)}${fields}`);
  }
  const listed = diff.added.length + diff.removed.length + diff.changed.length;
  const total = diff.counts.added + diff.counts.removed + diff.counts.changed;
  if (listed < total) out.push(`- … and ${total - listed} more`);
  out.push("");
  for (const change of diff.changed) {
    if (!change.patch) continue;
    out.push(`${code(change.resource)}`, "", fenced(change.patch, "diff"), "");
  }
  return out;
}

function findingDetail(f: ReportFinding): string {
  const from = f.source ? ` (from ${code(`${f.source.file}:${f.source.line}:${f.source.column}`)})` : "";
  const resource = f.resource ? ` ${inline(f.resource, 200)}` : "";
  const remediation = f.remediation ? `<br>→ ${inline(f.remediation)}` : "";
  return `${BADGE[f.severity]} ${code(f.ruleId, 100)}${resource} at ${code(`${f.file}:${f.line}:${f.column}`)}${from}: ${inline(f.message)}${remediation}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function bySeverity(findings: ReportFinding[]): ReportFinding[] {
  return [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}
