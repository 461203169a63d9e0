import { clusterDetails, clusterSummary, plural, type ClusterSection } from "./comment-sections.js";
import { COMMENT_LIMIT, fitMarkdown } from "./fit-markdown.js";
import { code, inline } from "./markdown-text.js";
import type { ReportFinding, ReportInput } from "./report-input.js";

/** First line of every kforge report comment: how a later run finds the comment to update. */
export const REPORT_MARKER = "<!-- kforge:report -->";

/** Table rows shown across all clusters; the rest stay in the folded details. */
export const MAX_TABLE_ROWS = 200;

export interface CommentBody {
  /** What is posted: at most `COMMENT_LIMIT` characters. */
  body: string;
  /** The whole report (for the job summary), which `body` may be a cut of. */
  full: string;
  truncated: boolean;
}

/**
 * The pull request comment: marker, one summary line, then per cluster a findings table and a
 * diff summary, then per cluster the details (patches, every finding in full) folded away.
 * Short parts come first so that a cut for size takes the details, not the tables.
 */
export function commentBody(input: ReportInput, jobSummaryUrl?: string, limit = COMMENT_LIMIT): CommentBody {
  const sections = clusterSections(input);
  const lines = [REPORT_MARKER, "## kforge report", "", ...summaryLines(input, sections.length)];
  let rows = MAX_TABLE_ROWS;
  for (const section of sections) {
    lines.push(...clusterSummary(section, rows, !input.check));
    rows -= section.findings.length;
  }
  const details = sections.flatMap(clusterDetails);
  if (details.length > 0) lines.push("", "---", "", "#### Details", ...details);
  const full = `${lines.join("\n")}\n`;
  const fitted = fitMarkdown(full, limit, truncationNotice(jobSummaryUrl, limit));
  return { body: fitted.text, full, truncated: fitted.truncated };
}

export function truncationNotice(jobSummaryUrl: string | undefined, limit: number): string {
  const where = jobSummaryUrl ? `the [job summary](${jobSummaryUrl}) of this workflow run` : "the job summary of this workflow run";
  return `\n---\n\n⚠️ This report was cut to fit GitHub's limit of ${limit.toLocaleString("en-US")} characters per comment. The full report is in ${where}.\n`;
}

function summaryLines(input: ReportInput, clusters: number): string[] {
  const out: string[] = [];
  const check = input.check;
  if (check) {
    const counts = [plural(check.errors, "error"), plural(check.warnings, "warning")];
    if (check.infos > 0) counts.push(plural(check.infos, "info"));
    const exempted = check.exempted > 0 ? `; ${check.exempted} exempted by policy` : "";
    const checked = `${plural(clusters, "cluster")}, ${plural(check.resources, "resource")} checked${exempted}`;
    if (check.errors + check.warnings + check.infos === 0) out.push(`✅ No problems found (${checked}).`);
    else out.push(`${check.failed ? "❌" : check.errors + check.warnings > 0 ? "⚠️" : "ℹ️"} **${counts.join(", ")}** (${checked}).`);
  }
  const diff = input.diff;
  if (diff) {
    const total = (key: "added" | "removed" | "changed") => diff.clusters.reduce((n, c) => n + c.counts[key], 0);
    const against = diff.base ? ` against ${code(diff.base, 200)}` : "";
    const lint = diff.totalIntroduced + diff.totalFixed > 0 ? `; lint: ${diff.totalIntroduced} new, ${plural(diff.totalFixed, "finding")} fixed` : "";
    out.push(`Changes${against}: **${total("added")} added, ${total("removed")} removed, ${total("changed")} changed**${lint}.`);
    if (diff.lintUnavailable) out.push(`Lint was not compared with the base: ${inline(diff.lintUnavailable)}.`);
  }
  if (!check && !diff) out.push("No results were given to report.");
  return out;
}

/**
 * One section per cluster in first-seen order: check targets, then clusters named by findings
 * or the diff. Without a check, the findings shown are those the change introduces.
 */
function clusterSections(input: ReportInput): ClusterSection[] {
  const sections = new Map<string, ClusterSection>();
  const section = (name: string) => {
    if (!sections.has(name)) sections.set(name, { name, findings: [], fixed: [] });
    return sections.get(name)!;
  };
  for (const target of input.check?.targets ?? []) section(target.name).target = target;
  const targets = input.check?.targets ?? [];
  const clusterOf = (f: ReportFinding) => f.cluster ?? (targets.length === 1 ? targets[0].name : "files");
  for (const f of input.check?.findings ?? input.diff?.introduced ?? []) section(clusterOf(f)).findings.push(f);
  for (const diff of input.diff?.clusters ?? []) section(diff.name).diff = diff;
  for (const f of input.diff?.fixed ?? []) section(clusterOf(f)).fixed.push(f);
  return [...sections.values()];
}
