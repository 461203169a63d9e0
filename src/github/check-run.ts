import type { Severity } from "../lint/finding.js";
import type { GithubClient } from "./github-client.js";
import { githubError } from "./github-errors.js";
import { cap } from "./markdown-text.js";
import { createdThing } from "./response-shape.js";
import type { ReportFinding } from "./report-input.js";

/** GitHub takes at most 50 annotations per create or update request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** More would only bury the first ones and cost one request per 50. */
export const MAX_ANNOTATIONS = 1000;

export interface CheckRunRequest {
  owner: string;
  repo: string;
  name: string;
  headSha: string;
  findings: ReportFinding[];
  /** One line, e.g. "2 errors, 1 warning". */
  title: string;
  /** Short Markdown summary shown on the check run's page. */
  summary: string;
  conclusion: "success" | "neutral" | "failure";
  apiUrl: string;
}

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title: string;
}

const LEVEL: Record<Severity, Annotation["annotation_level"]> = { error: "failure", warning: "warning", info: "notice" };
const ACTION = { permission: "checks: write" };

/**
 * A check run whose annotations carry the findings: created in progress, then updated with 50
 * annotations at a time (GitHub appends them), the last update completing it.
 */
export async function publishCheckRun(client: GithubClient, request: CheckRunRequest): Promise<{ id: number; url: string; annotations: number }> {
  const { owner, repo } = request;
  const annotations = request.findings.slice(0, MAX_ANNOTATIONS).map(annotation);
  const output = { title: cap(request.title, 200), summary: cap(request.summary, 60_000) };
  let response;
  try {
    response = await client.rest.checks.create({ owner, repo, name: request.name, head_sha: request.headSha, status: "in_progress", output });
  } catch (error) {
    throw githubError(error, { ...ACTION, what: `create the check run "${request.name}"`, notFound: `commit ${request.headSha} not found in ${owner}/${repo}` }, request.apiUrl);
  }
  const created = createdThing(response.data, `POST /repos/${owner}/${repo}/check-runs`);
  const batches = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  if (batches.length === 0) batches.push([]);
  for (const [index, batch] of batches.entries()) {
    const last = index === batches.length - 1;
    try {
      await client.rest.checks.update({
        owner,
        repo,
        check_run_id: created.id,
        output: batch.length > 0 ? { ...output, annotations: batch } : output,
        ...(last ? { conclusion: request.conclusion, completed_at: new Date().toISOString() } : {}),
      });
    } catch (error) {
      throw githubError(error, { ...ACTION, what: `add annotations to the check run "${request.name}"` }, request.apiUrl);
    }
  }
  return { id: created.id, url: created.html_url, annotations: annotations.length };
}

/**
 * A finding as an annotation. Rendered findings point at the values entry or template line
 * that produced the field (what the author edits), naming the rendered position in the text.
 */
export function annotation(f: ReportFinding): Annotation {
  const rendered = `${f.file}:${f.line}:${f.column}`;
  const place = f.source
    ? { path: f.source.file, start_line: Math.max(1, f.source.line), end_line: Math.max(1, f.source.line) }
    : { path: f.file, start_line: Math.max(1, f.line), end_line: Math.max(1, f.endLine, f.line) };
  const columns = !f.source && f.line === f.endLine && f.line > 0 && f.column > 0 && f.endColumn > f.column ? { start_column: f.column, end_column: f.endColumn } : {};
  const lines = [f.message];
  if (f.source) lines.push(`Rendered at ${rendered}.`);
  if (f.remediation) lines.push(f.remediation);
  return {
    ...place,
    ...columns,
    annotation_level: LEVEL[f.severity],
    message: cap(lines.join("\n"), 8000),
    title: cap(f.resource ? `${f.ruleId}: ${f.resource}` : f.ruleId, 255),
  };
}
