import { formatDiagnostic } from "../diagnostics/diagnostic.js";
import type { Finding } from "../lint/finding.js";
import { describeResource } from "../resources/resource.js";
import type { ClusterDiff, DiffResult, FleetDiff, ResourceRef } from "./diff-result.js";

const ANSI = { red: 31, green: 32, yellow: 33, cyan: 36, bold: 1 } as const;

/**
 * For terminals: per cluster `+`/`~`/`-` lines, each change followed by its patch, then the
 * fleet ApplicationSet the same way, then the lint delta.
 */
export function formatDiffText(result: DiffResult, options: { color: boolean }): string {
  const paint = (color: keyof typeof ANSI, text: string) => (options.color ? `\u001b[${ANSI[color]}m${text}\u001b[0m` : text);
  const out = [paint("bold", `kforge diff: working tree compared with ${result.base.ref} (${result.base.commit.slice(0, 12)})`), ""];
  for (const cluster of result.clusters) out.push(...clusterLines(cluster, paint), "");
  out.push(...fleetLines(result.fleet, paint), "");
  out.push(...lintLines(result, paint), "", summaryLine(result));
  return `${out.join("\n")}\n`;
}

type Paint = (color: keyof typeof ANSI, text: string) => string;

function clusterLines(cluster: ClusterDiff, paint: Paint): string[] {
  const heading = paint("bold", `cluster ${cluster.name}`);
  if (cluster.state === "base-failed") {
    return [`${heading}: the base does not render, so this cluster's diff cannot be computed:`, ...(cluster.baseDiagnostics ?? []).map((d) => `  ${formatDiagnostic(d)}`)];
  }
  const state = cluster.state === "new" ? " (new cluster)" : cluster.state === "deleted" ? " (cluster deleted)" : "";
  return [`${heading}${state}: ${counts(cluster)}`, ...changeLines(cluster, paint)];
}

function fleetLines(fleet: FleetDiff, paint: Paint): string[] {
  const heading = paint("bold", `fleet ApplicationSet (${fleet.file})`);
  if (fleet.state === "skipped") return [`${heading}: not compared with --cluster (it depends on every cluster)`];
  const leftOut = fleet.leftOut ? ` (without ${fleet.leftOut.join(", ")}: cluster.yaml does not load at the base)` : "";
  return [`${heading}${leftOut}: ${counts(fleet)}`, ...changeLines(fleet, paint)];
}

type Changes = Pick<ClusterDiff, "added" | "removed" | "changed">;

function counts(changes: Changes): string {
  if (changes.added.length + changes.removed.length + changes.changed.length === 0) return "no changes";
  return `${changes.added.length} added, ${changes.removed.length} removed, ${changes.changed.length} changed`;
}

function changeLines(changes: Changes, paint: Paint): string[] {
  const lines = changes.added.map((r) => paint("green", `  + ${label(r)}`));
  for (const change of changes.changed) {
    lines.push(paint("yellow", `  ~ ${label(change.resource)}: ${change.fields.join(", ")}`));
    lines.push(...change.patch.trimEnd().split("\n").map((line) => paintPatchLine(line, paint)));
  }
  lines.push(...changes.removed.map((r) => paint("red", `  - ${label(r)}`)));
  return lines;
}

function paintPatchLine(line: string, paint: Paint): string {
  if (line.startsWith("+++") || line.startsWith("---")) return paint("bold", line);
  if (line.startsWith("@@")) return paint("cyan", line);
  if (line.startsWith("+")) return paint("green", line);
  if (line.startsWith("-")) return paint("red", line);
  return line;
}

function lintLines(result: DiffResult, paint: Paint): string[] {
  const { lint } = result;
  if (lint.unavailable) return [`lint delta: not computed: ${lint.unavailable}`];
  const lines = [paint("bold", `lint delta: ${lint.introduced.length} introduced, ${lint.fixed.length} fixed`)];
  lines.push(...lint.introduced.map((f) => paint("red", `  + ${findingLine(f)}`)));
  lines.push(...lint.fixed.map((f) => paint("green", `  - ${findingLine(f)} (fixed; position at the base)`)));
  return lines;
}

export function label(ref: ResourceRef): string {
  return `${describeResource(ref)}${ref.release ? ` [${ref.release}]` : ""}`;
}

function findingLine(f: Finding): string {
  const cluster = f.cluster ? ` (cluster ${f.cluster})` : "";
  const from = f.source ? `; from ${f.source.file}:${f.source.line}:${f.source.column}` : "";
  return `${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message} [${f.ruleId}]${cluster}${from}`;
}

export function summaryLine(result: DiffResult): string {
  const s = result.summary;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const failed = s.baseFailed > 0 ? `; ${plural(s.baseFailed, "cluster")} could not be compared` : "";
  const lint = result.lint.unavailable ? "lint delta not computed" : `lint: ${s.introduced} introduced, ${s.fixed} fixed`;
  const resources = s.added + s.removed + s.changed === 0 ? "no resource changes" : `${s.added} added, ${s.removed} removed, ${s.changed} changed`;
  const { fleet: f } = result;
  const fleet = f.added.length + f.removed.length + f.changed.length > 0 ? " and the fleet ApplicationSet" : "";
  return `${resources} in ${plural(s.clusters, "cluster")}${fleet}${failed}; ${lint}.`;
}
