import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { annotation, publishCheckRun } from "../../src/github/check-run.js";
import type { ReportFinding } from "../../src/github/report-input.js";
import { FakeGithub } from "../helpers/fake-github/fake-github-server.js";
import { fastClient } from "../helpers/fake-github/github-test-env.js";

const TOKEN = "ghp_checkRunTestToken000000000000000000";
const SHA = "0123456789abcdef0123456789abcdef01234567";

function finding(i: number, severity: ReportFinding["severity"] = "warning"): ReportFinding {
  return { ruleId: "image-tag", severity, message: `finding ${i}`, file: "clusters/prod/apps/web/deployment.yaml", line: i + 1, column: 5, endLine: i + 1, endColumn: 9 };
}

describe("check run annotations", () => {
  let github: FakeGithub;
  beforeEach(async () => {
    github = await FakeGithub.start();
    github.addToken(TOKEN, "kforge-bot");
  });
  afterEach(async () => {
    await github.close();
    expect(github.failures).toEqual([]);
  });

  it("sends 120 findings as annotations in batches of 50 and completes the run", async () => {
    const findings = Array.from({ length: 120 }, (_, i) => finding(i, i === 0 ? "error" : "warning"));
    const { client } = fastClient(github, TOKEN);
    const result = await publishCheckRun(client, {
      owner: "acme",
      repo: "gitops",
      name: "kforge",
      headSha: SHA,
      findings,
      title: "1 error, 119 warnings",
      summary: "1 error, 119 warnings in 33 resources.",
      conclusion: "failure",
      apiUrl: github.url,
    });
    expect(result.annotations).toBe(120);
    const updates = github.requestsTo("checks/update");
    const sizes = updates.map((r) => ((r.body as { output: { annotations?: unknown[] } }).output.annotations ?? []).length);
    expect(sizes).toEqual([50, 50, 20]);
    expect(github.requestsTo("checks/create")[0].body).toMatchObject({ name: "kforge", head_sha: SHA, status: "in_progress" });
    expect(updates.map((r) => (r.body as { conclusion?: string }).conclusion)).toEqual([undefined, undefined, "failure"]);
    const run = github.checkRuns.get(result.id)!;
    expect(run).toMatchObject({ status: "completed", conclusion: "failure", headSha: SHA });
    expect(run.annotations).toHaveLength(120);
    expect(run.annotations[0]).toMatchObject({ annotation_level: "failure", message: "finding 0" });
    expect(run.annotations[1]).toMatchObject({ annotation_level: "warning" });
  });

  it("completes a run without findings in one update", async () => {
    const { client } = fastClient(github, TOKEN);
    await publishCheckRun(client, { owner: "acme", repo: "gitops", name: "kforge", headSha: SHA, findings: [], title: "No problems found", summary: "ok", conclusion: "success", apiUrl: github.url });
    expect(github.requestsTo("checks/update").map((r) => r.body)).toEqual([{ output: { title: "No problems found", summary: "ok" }, conclusion: "success", completed_at: expect.any(String) }]);
  });

  it("points a rendered finding at the values line that produced it", () => {
    const f: ReportFinding = { ...finding(3, "info"), resource: "Deployment web/web", source: { file: "clusters/prod/values/web.yaml", line: 7, column: 3 }, remediation: "pin it" };
    expect(annotation(f)).toEqual({
      path: "clusters/prod/values/web.yaml",
      start_line: 7,
      end_line: 7,
      annotation_level: "notice",
      title: "image-tag: Deployment web/web",
      message: "finding 3\nRendered at clusters/prod/apps/web/deployment.yaml:4:5.\npin it",
    });
  });

  it("keeps columns only for a one-line range and never line 0", () => {
    expect(annotation(finding(0))).toMatchObject({ start_line: 1, end_line: 1, start_column: 5, end_column: 9 });
    const wholeFile = { ...finding(0), line: 0, column: 0, endLine: 0, endColumn: 0 };
    expect(annotation(wholeFile)).toEqual(expect.objectContaining({ start_line: 1, end_line: 1 }));
    expect(annotation(wholeFile)).not.toHaveProperty("start_column");
  });
});
