import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Env } from "../../src/github/github-config.js";
import { FakeGithub } from "../helpers/fake-github/fake-github-server.js";
import { actionsEnv, runCommentCommand as comment } from "../helpers/fake-github/github-test-env.js";
import { copyExampleRepo } from "../helpers/example-repo.js";
import { checkJson, jsonFinding, writeJsonFiles } from "./report-fixtures.js";

const TOKEN = "ghp_optionsTestToken0000000000000000000";

describe("kforge comment options", () => {
  let github: FakeGithub;
  let dir: string;
  let env: Env;

  beforeEach(async () => {
    github = await FakeGithub.start();
    github.addToken(TOKEN, "kforge-bot");
    github.addPull(7);
    dir = writeJsonFiles({ "check.json": checkJson([jsonFinding({ severity: "error" })]) });
    env = actionsEnv(github, TOKEN);
  });

  afterEach(async () => {
    await github.close();
    expect(github.failures).toEqual([]);
  });

  it("takes the pull request number from GITHUB_REF", async () => {
    const result = await comment(["--input", "check.json"], { ...env, GITHUB_REF: "refs/pull/7/merge" }, dir);
    expect(result.code).toBe(0);
    expect(github.commentsOn(7)).toHaveLength(1);
  });

  it("uses github-actions[bot] for the Actions token, which cannot read GET /user", async () => {
    github.addToken("ghs_actionsToken", "github-actions[bot]", { installation: true });
    const mine = github.addComment(7, "github-actions[bot]", "<!-- kforge:report -->\nold");
    const result = await comment(["--pr", "7", "--input", "check.json"], { ...env, GITHUB_TOKEN: "ghs_actionsToken" }, dir);
    expect(result.out).toContain(`updated the report comment on acme/gitops#7 as github-actions[bot]: https://github.com/acme/gitops/pull/7#issuecomment-${mine.id}`);
    expect(github.requestsTo("users/get-authenticated").map((r) => r.status)).toEqual([403]);
  });

  it("posts as the --author login without asking GET /user", async () => {
    github.addToken("ghs_otherAppToken", "my-app[bot]", { installation: true });
    const mine = github.addComment(7, "my-app[bot]", "<!-- kforge:report -->\nold");
    github.addComment(7, "github-actions[bot]", "<!-- kforge:report -->\nnot ours");
    const result = await comment(["--pr", "7", "--input", "check.json", "--author", "my-app[bot]"], { ...env, GITHUB_TOKEN: "ghs_otherAppToken" }, dir);
    expect(result.out).toContain(`updated the report comment on acme/gitops#7 as my-app[bot]: https://github.com/acme/gitops/pull/7#issuecomment-${mine.id}`);
    expect(github.requestsTo("users/get-authenticated")).toEqual([]);
  });

  it("cuts an oversized report and appends the whole one to the job summary", async () => {
    const findings = Array.from({ length: 800 }, (_, i) => jsonFinding({ line: i + 1, message: `problem ${i} ${"y".repeat(300)}` }));
    writeFileSync(join(dir, "big.json"), JSON.stringify(checkJson(findings)));
    const summary = join(dir, "summary.md");
    writeFileSync(summary, "earlier step\n");
    const result = await comment(["--pr", "7", "--input", "big.json"], { ...env, GITHUB_STEP_SUMMARY: summary }, dir);
    expect(result.out).toContain("(cut to GitHub's size limit; the whole report is in the job summary)");
    const [posted] = github.commentsOn(7);
    expect(posted.body.length).toBeLessThanOrEqual(65_536);
    expect(posted.body.endsWith("The full report is in the [job summary](https://github.com/acme/gitops/actions/runs/4242) of this workflow run.\n")).toBe(true);
    const written = readFileSync(summary, "utf8");
    expect(written.startsWith("earlier step\n<!-- kforge:report -->")).toBe(true);
    expect(written).toContain("problem 799");
  });

  it("keeps the job summary within 1 MiB counted in bytes, including what the step wrote before", async () => {
    // 800 findings of 300 three-byte characters: about 250,000 characters, 750 KB.
    const findings = Array.from({ length: 800 }, (_, i) => jsonFinding({ line: i + 1, message: `problem ${i} ${"漢".repeat(300)}` }));
    writeFileSync(join(dir, "wide.json"), JSON.stringify(checkJson(findings)));
    const summary = join(dir, "summary.md");
    writeFileSync(summary, `${"x".repeat(400_000)}\n`);
    const result = await comment(["--pr", "7", "--input", "wide.json"], { ...env, GITHUB_STEP_SUMMARY: summary }, dir);
    expect(result).toMatchObject({ code: 0, err: "" });
    const bytes = readFileSync(summary);
    expect(bytes.length).toBeLessThanOrEqual(1024 * 1024);
    const written = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    expect(written).toContain("problem 0 ");
    expect(written.endsWith("⚠️ The report was cut to fit GitHub's limit of 1 MiB for a step's job summary.\n")).toBe(true);
  });

  it("runs the check on the repository when no --input is given", async () => {
    // A copy of the example repository (clean: no findings).
    const repo = await copyExampleRepo();
    const result = await comment(["--pr", "7", "--root", repo], env, join(repo, "clusters"));
    expect(result).toMatchObject({ code: 0, err: "" });
    const [posted] = github.commentsOn(7);
    expect(posted.body).toContain("✅ No problems found (2 clusters, 81 resources checked).");
    expect(posted.body).toContain("### bjrdc\\-dev\n\nKubernetes 1.18 · 48 resources");
  });

  it("adds a check run with the findings as annotations on the pull request's head", async () => {
    github.addPull(8, "fedcba9876543210fedcba9876543210fedcba98");
    const result = await comment(["--pr", "8", "--input", "check.json", "--check-run", "kforge lint"], env, dir);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/check run with 1 annotation: https:\/\/github\.com\/acme\/gitops\/runs\/\d+\n$/);
    const [run] = github.checkRuns.values();
    expect(run).toMatchObject({ name: "kforge lint", headSha: "fedcba9876543210fedcba9876543210fedcba98", conclusion: "failure" });
    expect(run.annotations).toEqual([expect.objectContaining({ path: "clusters/prod/values/web.yaml", start_line: 3, annotation_level: "failure" })]);
  });
});
