import { publishCheckRun } from "./check-run.js";
import { commentBody } from "./comment-body.js";
import { plural } from "./comment-sections.js";
import type { GithubClient } from "./github-client.js";
import type { GithubConfig } from "./github-config.js";
import { pullRequestHead } from "./pull-request-head.js";
import { appendStepSummary } from "./step-summary.js";
import type { ReportInput } from "./report-input.js";
import { upsertStickyComment, type StickyResult } from "./sticky-comment.js";
import { tokenLogin, type TokenLogin } from "./token-login.js";

export interface PublishRequest {
  config: GithubConfig;
  client: GithubClient;
  pullNumber: number;
  input: ReportInput;
  /** Login the token writes as, when GET /user cannot tell (tokens of GitHub Apps other than Actions). */
  author?: string;
  /** Also publish findings as annotations of a check run with this name, on `sha` or the PR's head. */
  checkRun?: { name: string; sha?: string };
  /** `GITHUB_STEP_SUMMARY`: when the comment had to be cut, the whole report is appended there. */
  stepSummaryFile?: string;
}

export interface PublishResult {
  comment: StickyResult;
  login: TokenLogin;
  truncated: boolean;
  checkRun?: { id: number; url: string; annotations: number };
}

/** Posts (or updates) the pull request's report comment and, when asked, a check run. */
export async function publishReport(request: PublishRequest): Promise<PublishResult> {
  const { config, client } = request;
  const { body, full, truncated } = commentBody(request.input, config.runUrl);
  const login = await tokenLogin(client, request.author, config.apiUrl);
  const head = await pullRequestHead(client, config.owner, config.repo, request.pullNumber, config.apiUrl);
  if (truncated && request.stepSummaryFile) {
    // Before the comment, so the comment's pointer is true by the time anyone reads it.
    await appendStepSummary(request.stepSummaryFile, full);
  }
  const target = { owner: config.owner, repo: config.repo, issueNumber: request.pullNumber, login: login.login, apiUrl: config.apiUrl };
  const comment = await upsertStickyComment(client, target, body);
  const result: PublishResult = { comment, login, truncated };
  if (request.checkRun) {
    const findings = request.input.check?.findings ?? request.input.diff?.introduced ?? [];
    result.checkRun = await publishCheckRun(client, {
      owner: config.owner,
      repo: config.repo,
      name: request.checkRun.name,
      headSha: request.checkRun.sha ?? head,
      findings,
      ...checkRunVerdict(request.input),
      apiUrl: config.apiUrl,
    });
  }
  return result;
}

function checkRunVerdict(input: ReportInput): { title: string; summary: string; conclusion: "success" | "neutral" | "failure" } {
  const check = input.check;
  if (check) {
    const total = check.errors + check.warnings + check.infos;
    const title = total === 0 ? "No problems found" : `${plural(check.errors, "error")}, ${plural(check.warnings, "warning")}`;
    const summary = `${title} in ${plural(check.resources, "resource")}. The findings are annotated on the values and template lines that produced them.`;
    return { title, summary, conclusion: check.failed ? "failure" : total > 0 ? "neutral" : "success" };
  }
  const introduced = input.diff?.totalIntroduced ?? 0;
  const title = introduced === 0 ? "No new findings" : `${plural(introduced, "new finding")}`;
  const failed = input.diff?.introduced.some((f) => f.severity === "error") ?? false;
  return { title, summary: `${title} compared with the base branch.`, conclusion: failed ? "failure" : introduced > 0 ? "neutral" : "success" };
}
