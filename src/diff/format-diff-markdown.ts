import type { Finding } from "../lint/finding.js";
import { describeResource } from "../resources/resource.js";
import { code, escapeCell, MAX_ROWS } from "../report/format-markdown.js";
import type { ClusterDiff, DiffResult, FleetDiff, ResourceRef } from "./diff-result.js";
import { summaryLine } from "./format-diff-text.js";

/** Characters of patches in one body; a pull request comment holds at most 65,536 characters. */
export const MAX_PATCH_CHARS = 40_000;

const BADGE = { added: "➕ added", removed: "➖ removed", changed: "✏️ changed" } as const;
const SEVERITY = { error: "❌ error", warning: "⚠️ warning", info: "ℹ️ info" } as const;

/**
 * The pull request comment (and job summary) body: a table of clusters (and the fleet
 * ApplicationSet), per cluster a table of resources with each changed resource's patch folded
 * in <details>, the fleet ApplicationSet the same way, then the lint delta.
 * Secret values are already redacted in the result.
 */
export function formatDiffMarkdown(result: DiffResult): string {
  const { summary } = result;
  const out = ["## kforge diff", ""];
  const compared = `Working tree compared with ${code(result.base.ref)} (${code(result.base.commit.slice(0, 12))})`;
  out.push(summary.hasChanges ? `${compared}: ${summaryLine(result)}` : `✅ ${compared}: no changes to rendered resources, GitOps objects or lint findings.`, "");
  out.push("| Cluster | Added | Removed | Changed | Note |", "| --- | ---: | ---: | ---: | --- |");
  for (const c of result.clusters) out.push(`| ${escapeCell(c.name)} | ${c.added.length} | ${c.removed.length} | ${c.changed.length} | ${note(c)} |`);
  const fleet = fleetRow(result.fleet);
  if (fleet) out.push(fleet);
  const budget = { rows: MAX_ROWS, patchChars: MAX_PATCH_CHARS };
  for (const cluster of result.clusters) out.push(...clusterSection(cluster, budget));
  if (result.fleet.state === "compared") out.push(...changesSection(`Fleet ApplicationSet (${code(result.fleet.file)})`, result.fleet, budget));
  out.push(...lintSection(result, budget));
  return `${out.join("\n")}\n`;
}

function note(c: ClusterDiff): string {
  if (c.state === "base-failed") return "⚠️ the base does not render: not compared";
  if (c.state === "new") return "new cluster";
  if (c.state === "deleted") return "cluster deleted";
  return "";
}

/** The fleet file's row: shown when it changed or could not be fully compared, so a quiet fleet adds no noise. */
function fleetRow(fleet: FleetDiff): string | undefined {
  const label = `fleet ApplicationSet (${code(fleet.file)})`;
  if (fleet.state === "skipped") return `| ${label} | | | | not compared with \`--cluster\` |`;
  const leftOut = fleet.leftOut ? `⚠️ without ${fleet.leftOut.map(escapeCell).join(", ")}: cluster.yaml does not load at the base` : "";
  if (fleet.added.length + fleet.removed.length + fleet.changed.length === 0 && !leftOut) return undefined;
  return `| ${label} | ${fleet.added.length} | ${fleet.removed.length} | ${fleet.changed.length} | ${leftOut} |`;
}

interface Budget {
  rows: number;
  patchChars: number;
}

function clusterSection(cluster: ClusterDiff, budget: Budget): string[] {
  if (cluster.state === "base-failed") {
    const problems = (cluster.baseDiagnostics ?? []).slice(0, 10).map((d) => `- ${code(`${d.file}:${d.line}`)} ${escapeCell(d.message)}`);
    return ["", `### ${escapeCell(cluster.name)}`, "", "The base revision of this cluster does not render, so its diff cannot be computed:", "", ...problems];
  }
  return changesSection(escapeCell(cluster.name), cluster, budget);
}

/** A table of the added, changed and removed resources under `title`, each patch folded away. */
function changesSection(title: string, cluster: Pick<ClusterDiff, "added" | "removed" | "changed">, budget: Budget): string[] {
  const rows = [
    ...cluster.added.map((r) => resourceRow(BADGE.added, r, "")),
    ...cluster.changed.map((c) => resourceRow(BADGE.changed, c.resource, c.fields.map(code).join(", "))),
    ...cluster.removed.map((r) => resourceRow(BADGE.removed, r, "")),
  ];
  if (rows.length === 0) return [];
  const out = ["", `### ${title}`, "", "| Change | Resource | Release | Changed fields |", "| --- | --- | --- | --- |"];
  out.push(...limitRows(rows, budget));
  for (const change of cluster.changed) {
    const title = escapeHtml(`${describeResource(change.resource)}: ${change.fields.join(", ")}`);
    out.push("", `<details><summary>${title}</summary>`, "");
    if (change.patch.length <= budget.patchChars) {
      budget.patchChars -= change.patch.length;
      const fence = "`".repeat(Math.max(3, ...(change.patch.match(/`+/g) ?? []).map((run) => run.length + 1)));
      out.push(`${fence}diff`, change.patch.trimEnd(), fence);
    } else {
      out.push("Patch left out to keep this comment within GitHub's size limit; run `kforge diff` locally to see it.");
    }
    out.push("", "</details>");
  }
  return out;
}

function resourceRow(badge: string, ref: ResourceRef, fields: string): string {
  return `| ${badge} | ${escapeCell(describeResource(ref))} | ${ref.release ? escapeCell(ref.release) : ""} | ${fields} |`;
}

function lintSection(result: DiffResult, budget: Budget): string[] {
  const { lint } = result;
  const out = ["", "### Lint delta", ""];
  if (lint.unavailable) return [...out, `Not computed: ${escapeCell(lint.unavailable)}`];
  if (lint.introduced.length + lint.fixed.length === 0) return [...out, "No findings introduced or fixed."];
  out.push(`${lint.introduced.length} introduced, ${lint.fixed.length} fixed (fixed findings show their position at the base).`, "");
  out.push("| Change | Severity | Rule | Cluster | Resource | Location | From | Message |", "| --- | --- | --- | --- | --- | --- | --- | --- |");
  const rows = [...lint.introduced.map((f) => findingRow("🆕 introduced", f)), ...lint.fixed.map((f) => findingRow("✅ fixed", f))];
  return [...out, ...limitRows(rows, budget)];
}

function findingRow(change: string, f: Finding): string {
  const resource = f.resource ? escapeCell(describeResource(f.resource)) : "";
  const from = f.source ? code(`${f.source.file}:${f.source.line}`) : "";
  const cells = [change, SEVERITY[f.severity], code(f.ruleId), f.cluster ? escapeCell(f.cluster) : "", resource, code(`${f.file}:${f.line}`), from, escapeCell(f.message)];
  return `| ${cells.join(" | ")} |`;
}

function limitRows(rows: string[], budget: Budget): string[] {
  const shown = rows.slice(0, Math.max(0, budget.rows));
  budget.rows -= shown.length;
  return shown.length < rows.length ? [...shown, "", `… and ${rows.length - shown.length} more (run \`kforge diff\` locally for all)`] : shown;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
