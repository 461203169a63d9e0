import { structuredPatch } from "diff";
import { codeInfo, type InputCode } from "../diagnostics/codes.js";
import type { Finding } from "../lint/finding.js";
import { clusterOfPath } from "../lint/diagnostic-findings.js";
import type { RenderedResource } from "../render/rendered-resource.js";
import type { TreeChange } from "../tree/tree-changes.js";
import type { SourceRef } from "../yaml/span.js";
import { hasKforgeLayout } from "./kforge-layout.js";

/** Longest line quoted in a message. */
const MAX_QUOTED = 80;

/**
 * The committed tree's differences from a fresh render, as findings: a stale file at the first
 * line that differs (with the values or template line that wrote the new text, when known), a
 * missing or orphaned file at its first line, a hand-edited one, and hand-written files in
 * generated folders. Every one says what to do, so no format can show a stale tree as green.
 */
export function treeFindings(changes: readonly TreeChange[], handWritten: readonly string[], resources: readonly RenderedResource[]): Finding[] {
  const byFile = new Map(resources.map((r) => [r.file, r]));
  const findings: Finding[] = [];
  for (const change of changes) {
    if (change.kind === "add") {
      const resource = byFile.get(change.path);
      const source = resource && changeSource(change, resource);
      const from = source ? ` (from ${source.file}:${source.line})` : "";
      findings.push(finding("render-missing", change.path, 1, `${change.path} is not committed: a render generates it${from}`, source));
    }
    else if (change.kind === "delete") findings.push(finding("render-orphaned", change.path, 1, `${change.path} was generated earlier, but a render no longer produces it`));
    else findings.push(updated(change, byFile.get(change.path)));
  }
  for (const path of handWritten) {
    findings.push(finding("render-unmanaged", path, 1, `${path} has no kforge header but is in a folder kforge generates: kforge leaves it alone and no generated kustomization lists it`));
  }
  return findings;
}

function updated(change: TreeChange, resource: RenderedResource | undefined): Finding {
  const before = (change.before ?? "").split("\n");
  const after = (change.after ?? "").split("\n");
  let index = 0;
  while (index < before.length && index < after.length && before[index] === after[index]) index++;
  const line = Math.min(index + 1, Math.max(before.length, 1));
  const committed = before[index];
  const rendered = after[index];
  const what =
    committed === undefined
      ? `a render adds ${quote(rendered ?? "")} after line ${line}`
      : rendered === undefined
        ? `line ${line} is ${quote(committed)}, and a render ends the file before it`
        : `line ${line} is ${quote(committed)}, a render writes ${quote(rendered)}`;
  const source = resource && changeSource(change, resource);
  // The range covers the committed line's text, so carets and annotations sit under it.
  const text = committed ?? "";
  const range = { column: text.length - text.trimStart().length + 1, endColumn: Math.max(text.trimEnd().length + 1, 2) };
  if (!hasKforgeLayout(change.before ?? "")) {
    return finding("render-hand-edited", change.path, line, `${change.path} was edited by hand (it is not laid out as kforge writes it): ${what}`, source, range);
  }
  const from = source ? `; the new text comes from ${source.file}:${source.line}` : "";
  return finding("render-stale", change.path, line, `${change.path} is out of date: ${what}${from}`, source, range);
}

/**
 * The input behind a stale file: of the lines a render adds or changes, the first whose text
 * comes from a values entry or cluster file (what a pull request usually edits); else the
 * template line that wrote the first of them.
 */
function changeSource(change: TreeChange, resource: RenderedResource): SourceRef | undefined {
  const patch = structuredPatch(change.path, change.path, change.before ?? "", change.after ?? "", "", "", { context: 0 });
  const added = patch.hunks.flatMap((h) => h.lines.filter((l) => l.startsWith("+")).map((_, i) => h.newStart + i));
  let fallback: SourceRef | undefined;
  for (const line of added) {
    const origin = resource.originOfLine(line);
    if (!origin) continue;
    if (origin.file !== resource.templateFile) return origin;
    fallback ??= origin;
  }
  return fallback;
}

function finding(code: InputCode, file: string, line: number, message: string, source?: SourceRef, range = { column: 1, endColumn: 2 }): Finding {
  const info = codeInfo(code)!;
  const out: Finding = { ruleId: code, severity: info.severity ?? "error", message, file, line, column: range.column, endLine: line, endColumn: Math.max(range.endColumn, range.column + 1), remediation: info.fix };
  if (source) out.source = { file: source.file, line: source.line, column: source.column };
  const cluster = clusterOfPath(file);
  if (cluster) out.cluster = cluster;
  return out;
}

function quote(line: string): string {
  const text = line.trim();
  const clipped = text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1)}…` : text;
  return clipped === "" ? "an empty line" : `\`${clipped}\``;
}
