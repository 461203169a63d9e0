import { execFileSync } from "node:child_process";
import { mkdirSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Env } from "../../src/github/github-config.js";
import { publishReport } from "../../src/github/publish-report.js";
import { FakeGithub } from "../helpers/fake-github/fake-github-server.js";
import { actionsEnv, fastClient, runCommentCommand as comment } from "../helpers/fake-github/github-test-env.js";
import { checkJson, jsonFinding, writeJsonFiles } from "./report-fixtures.js";

/** Distinctive, so that any leak is found by a plain substring search. */
const TOKEN = "ghp_SECRETzzTOKENzz0123456789abcdefXYZ";

describe("kforge comment", () => {
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

  it("posts the report, then updates the same comment on the next run", async () => {
    const first = await comment(["--pr", "7", "--input", "check.json"], env, dir);
    expect(first).toMatchObject({ code: 0, err: "" });
    const [posted] = github.commentsOn(7);
    expect(first.out).toBe(`kforge comment: created the report comment on acme/gitops#7 as kforge-bot: https://github.com/acme/gitops/pull/7#issuecomment-${posted.id}\n`);
    expect(posted.body).toMatch(/^<!-- kforge:report -->\n## kforge report\n\n❌ \*\*1 error, 0 warnings\*\*/);

    writeFileSync(join(dir, "check.json"), JSON.stringify(checkJson([])));
    const second = await comment(["--pr", "7", "--input", "check.json"], env, dir);
    expect(second.out).toContain(`updated the report comment on acme/gitops#7 as kforge-bot: https://github.com/acme/gitops/pull/7#issuecomment-${posted.id}`);
    expect(github.commentsOn(7)).toHaveLength(1);
    expect(github.commentsOn(7)[0].body).toContain("✅ No problems found");
  });

  it("says how to provide a missing token, and sends nothing", async () => {
    const result = await comment(["--pr", "7", "--input", "check.json"], { ...env, GITHUB_TOKEN: undefined }, dir);
    expect(result.code).toBe(2);
    expect(result.err).toContain("GITHUB_TOKEN is not set. In a workflow, pass it to the step: `env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}`");
    expect(github.requests).toEqual([]);
  });

  it("rejects usage mistakes with exit 2", async () => {
    const cases: [string[], Env, string][] = [
      [["--input", "check.json"], env, "--pr N is required"],
      [["--pr", "x7"], env, "--pr x7: expected a pull request number"],
      [["--pr", "7"], { ...env, GITHUB_REPOSITORY: "acme" }, 'GITHUB_REPOSITORY "acme" is not of the form owner/repo.'],
      [["--pr", "7"], { ...env, GITHUB_REPOSITORY: undefined }, "GITHUB_REPOSITORY is not set"],
      [["--pr", "7", "--sha", "abc"], env, "--sha is for the check run"],
      [["--pr", "7", "--input", "nope.json"], env, "--input nope.json: no such file"],
      [["--pr", "7", "--bogus"], env, "unknown option --bogus for kforge comment"],
    ];
    for (const [args, caseEnv, message] of cases) {
      const result = await comment(args, caseEnv, dir);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.err).toContain(message);
    }
    expect(github.requests).toEqual([]);
  });

  it("refuses an --input that is not a regular file, or too big, before reading it", async () => {
    execFileSync("mkfifo", [join(dir, "pipe.json")]);
    mkdirSync(join(dir, "folder.json"));
    // Sparse: 33 MiB long without taking the space.
    writeFileSync(join(dir, "huge.json"), "");
    truncateSync(join(dir, "huge.json"), 33 * 1024 * 1024);
    writeFileSync(join(dir, "latin1.json"), Buffer.from('{"findings": [], "summary": {"errors": 0, "warnings": 0}, "x": "\xe9"}', "latin1"));
    const cases: [string, string][] = [
      [join(dir, "pipe.json"), `--input ${join(dir, "pipe.json")}: is a named pipe (FIFO), not a regular file; give the JSON file that kforge check or kforge diff wrote\n`],
      ["/dev/zero", "--input /dev/zero: is a character device, not a regular file; give the JSON file that kforge check or kforge diff wrote\n"],
      ["folder.json", "--input folder.json: is a directory, not a regular file; give the JSON file that kforge check or kforge diff wrote\n"],
      ["huge.json", `--input huge.json: ${33 * 1024 * 1024} bytes is more than a kforge report can be (${32 * 1024 * 1024})\n`],
      ["latin1.json", "--input latin1.json: not UTF-8 text; give the JSON file that kforge check or kforge diff wrote\n"],
    ];
    for (const [file, message] of cases) {
      const result = await comment(["--pr", "7", "--input", file], env, dir);
      expect(result, file).toEqual({ code: 2, out: "", err: message });
    }
    expect(github.requests).toEqual([]);
  });

  it("reports a pull request that does not exist", async () => {
    const result = await comment(["--pr", "99", "--input", "check.json"], env, dir);
    expect(result).toEqual({ code: 1, out: "", err: "kforge comment: pull request #99 not found in acme/gitops (or the token cannot see it)\n" });
  });

  it("explains a 403 with the permission the workflow needs", async () => {
    github.addToken("ghs_readOnlyForkToken", "github-actions[bot]", { installation: true, readOnly: true });
    const result = await comment(["--pr", "7", "--input", "check.json"], { ...env, GITHUB_TOKEN: "ghs_readOnlyForkToken" }, dir);
    expect(result.code).toBe(1);
    expect(result.err).toContain("GitHub refused to post the report comment (403: Resource not accessible by integration). The workflow needs `permissions: pull-requests: write`.");
  });

  it("retries after a secondary rate limit, waiting for retry-after", async () => {
    github.fail("issues/list-comments", { status: 403, retryAfter: 1 });
    const result = await comment(["--pr", "7", "--input", "check.json"], env, dir);
    expect(result.code).toBe(0);
    expect(result.err).toBe("kforge comment: GitHub secondary rate limit on GET /repos/acme/gitops/issues/7/comments: retrying in 1 s\n");
    const lists = github.requestsTo("issues/list-comments");
    expect(lists.map((r) => r.status)).toEqual([403, 200, 200]);
    const waited = lists[1].at - lists[0].at;
    expect(waited).toBeGreaterThanOrEqual(950);
    expect(waited).toBeLessThan(2500);
    expect(github.commentsOn(7)).toHaveLength(1);
  });

  it("gives up after a few rate limits with a clear message", async () => {
    github.fail("pulls/get", { status: 403, retryAfter: 0.01, times: 10 });
    const result = await comment(["--pr", "7", "--input", "check.json"], env, dir);
    expect(result.code).toBe(1);
    expect(result.err).toContain("not retrying (waited 3 times");
    expect(result.err).toContain("kforge comment: GitHub's rate limit stopped the attempt to read pull request #7 (403: You have exceeded a secondary rate limit.");
    expect(github.requestsTo("pulls/get")).toHaveLength(4);
  });

  it("posts untrusted text with its bare URLs and mentions inert", async () => {
    const hostile = jsonFinding({ severity: "error", message: "re-run at https://ci.evil.example/rerun or www.evil.example, cc @alice" });
    writeFileSync(join(dir, "hostile.json"), JSON.stringify(checkJson([hostile])));
    const result = await comment(["--pr", "7", "--input", "hostile.json"], env, dir);
    expect(result.code).toBe(0);
    const [posted] = github.commentsOn(7);
    const outsideCode = posted.body.replace(/(`+)[\s\S]*?\1/g, "");
    expect(outsideCode).toContain("re\\-run at https\u200b://ci.evil.example/rerun or www\u200b.evil.example, cc @\u200balice");
    expect(outsideCode).not.toMatch(/https?:|www\.|@alice/);
  });

  it("prints its usage with --help", async () => {
    const result = await comment(["--help"], {}, dir);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Usage: kforge comment --pr N/);
  });

  it("never prints the token, nor puts it in errors", async () => {
    const outputs: string[] = [];
    github.fail("issues/list-comments", { status: 403 });
    github.fail("issues/create-comment", { status: 422 });
    for (const pr of ["7", "7", "99", "7"]) {
      const result = await comment(["--pr", pr, "--input", "check.json"], env, dir);
      outputs.push(result.out, result.err);
    }
    const unknown = await comment(["--pr", "7", "--input", "check.json"], { ...env, GITHUB_TOKEN: `${TOKEN}-revoked` }, dir);
    outputs.push(unknown.out, unknown.err);
    expect(unknown.err).toContain("GitHub rejected the token (401: Bad credentials)");
    const { client, config } = fastClient(github, TOKEN);
    const error = await publishReport({ config, client, pullNumber: 99, input: {} }).catch((e: unknown) => e);
    const raw = await client.rest.pulls.get({ owner: "acme", repo: "gitops", pull_number: 99 }).catch((e: unknown) => e);
    outputs.push(String(error), inspect(error, { depth: 10 }), JSON.stringify(error), inspect(raw, { depth: 10 }), JSON.stringify(raw));
    expect(outputs.join("\n")).toContain("pull request #99 not found");
    expect(outputs.join("\n")).toContain("Validation Failed");
    for (const text of outputs) expect(text).not.toContain(TOKEN);
    // The token went where it belongs: the authorization header, and nowhere else in a request.
    for (const request of github.requests) {
      const { authorization, ...rest } = request.headers;
      expect(JSON.stringify([request.path, request.body, rest])).not.toContain(TOKEN);
      expect(authorization).toMatch(/^token /);
    }
  });

});
