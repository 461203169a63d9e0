import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Env } from "../../src/github/github-config.js";
import { FakeGithub } from "../helpers/fake-github/fake-github-server.js";
import { actionsEnv, runCommentCommand as comment } from "../helpers/fake-github/github-test-env.js";
import { checkJson, jsonFinding, writeJsonFiles } from "./report-fixtures.js";

const TOKEN = "ghp_faultTestToken0000000000000000000000";
const ARGS = ["--pr", "7", "--input", "check.json"];
/** A stack trace line, which a fault must never print. */
const STACK = /\n\s+at \S/;

describe("kforge comment against a GitHub that misbehaves", () => {
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

  it("refuses a redirect instead of following it, and never says 'created: undefined'", async () => {
    // A POST followed through a 302 turns into a GET of the list, whose answer has no id.
    const list = `${github.url}/repos/acme/gitops/issues/7/comments`;
    github.fail("issues/create-comment", { status: 302, location: list });
    const result = await comment(ARGS, env, dir);
    expect(result.code).toBe(1);
    expect(result.out).toBe("");
    expect(result.err).toBe(
      `kforge comment: GitHub answered POST /repos/acme/gitops/issues/7/comments with a redirect (302) to ${list}; kforge does not follow redirects: check GITHUB_API_URL (now ${github.url}), which must be the REST API root itself.\n`,
    );
    expect(result.err).not.toMatch(STACK);
    expect(github.requestsTo("issues/create-comment")).toHaveLength(1);
    // Listed before the create only: the redirect's target was never requested.
    expect(github.requestsTo("issues/list-comments")).toHaveLength(1);
    expect(github.commentsOn(7)).toEqual([]);
  });

  it("refuses a redirect to another host without sending the token there", async () => {
    const elsewhere = await FakeGithub.start();
    try {
      github.fail("pulls/get", { status: 301, location: `${elsewhere.url}/repos/acme/gitops/pulls/7` });
      const result = await comment(ARGS, env, dir);
      expect(result.code).toBe(1);
      expect(result.err).toContain(`GitHub answered GET /repos/acme/gitops/pulls/7 with a redirect (301) to ${elsewhere.url}/repos/acme/gitops/pulls/7`);
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });

  it("says which endpoint answered a created comment without an id", async () => {
    github.fail("issues/create-comment", { status: 201, body: { message: "ok" } });
    const result = await comment(ARGS, env, dir);
    expect(result.code).toBe(1);
    expect(result.out).toBe("");
    expect(result.err).toBe(
      "kforge comment: GitHub's answer to POST /repos/acme/gitops/issues/7/comments is not an object with a numeric id and an html_url (got an object with message); check that GITHUB_API_URL is the REST API root (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server).\n",
    );
  });

  it("says which endpoint answered an updated comment or a check run without an id", async () => {
    github.addComment(7, "kforge-bot", "<!-- kforge:report -->\nold");
    github.fail("issues/update-comment", { status: 200, body: "<html>proxy login</html>" });
    const update = await comment(ARGS, env, dir);
    expect(update.code).toBe(1);
    expect(update.err).toMatch(/^kforge comment: GitHub's answer to PATCH \/repos\/acme\/gitops\/issues\/comments\/\d+ is not an object with a numeric id and an html_url \(got text starting "<html>proxy login<\/html>"\)/);

    github.fail("checks/create", { status: 201, body: { id: "12", html_url: null } });
    const check = await comment([...ARGS, "--check-run", "kforge"], env, dir);
    expect(check.code).toBe(1);
    expect(check.err).toContain("GitHub's answer to POST /repos/acme/gitops/check-runs is not an object with a numeric id and an html_url (got an object with id, html_url)");
    expect(github.requestsTo("checks/update")).toEqual([]);
  });

  it("rejects a comment list that is not a list of comments", async () => {
    github.fail("issues/list-comments", { status: 200, body: { comments: [] } });
    const result = await comment(ARGS, env, dir);
    expect(result.code).toBe(1);
    expect(result.err).toContain("GitHub's answer to GET /repos/acme/gitops/issues/7/comments is not a list of comments (got an object with comments)");
    expect(github.requestsTo("issues/create-comment")).toEqual([]);
  });

  it("does not retry at all when retry-after is beyond the limit, and says when to retry", async () => {
    github.fail("pulls/get", { status: 403, retryAfter: 3600, times: 5 });
    const result = await comment(ARGS, env, dir);
    expect(result.code).toBe(1);
    expect(github.requestsTo("pulls/get")).toHaveLength(1);
    expect(result.err).toMatch(
      /^kforge comment: GitHub secondary rate limit on GET \/repos\/acme\/gitops\/pulls\/7: asks to wait 3600 s \(until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\), more than kforge waits \(120 s\); not retrying\n/,
    );
    expect(result.err).toMatch(
      /kforge comment: GitHub's rate limit stopped the attempt to read pull request #7 \(403: You have exceeded a secondary rate limit\.[^)]*\); GitHub asks to wait 3600 s \(until [^)]+\), longer than kforge waits \(120 s\): run the job again after that\.\n$/,
    );
    expect(result.err).not.toMatch(STACK);
  });

  it("does not retry a 429 whose retry-after is beyond the limit", async () => {
    github.fail("issues/list-comments", { status: 429, retryAfter: 86_400, times: 5 });
    const result = await comment(ARGS, env, dir);
    expect(result.code).toBe(1);
    expect(github.requestsTo("issues/list-comments")).toHaveLength(1);
    expect(result.err).toContain("GitHub's rate limit stopped the attempt to read the pull request's comments (429: You have exceeded a secondary rate limit.");
    expect(result.err).toContain("asks to wait 86400 s");
  });

  it("does not retry a plain 429 blindly", async () => {
    github.fail("issues/list-comments", { status: 429, times: 5 });
    const result = await comment(ARGS, env, dir);
    expect(result.code).toBe(1);
    expect(github.requestsTo("issues/list-comments")).toHaveLength(1);
    expect(result.err).toBe("kforge comment: GitHub's rate limit stopped the attempt to read the pull request's comments (429: Too Many Requests); run the job again later.\n");
  });

  it("does not wait for a primary rate limit that resets beyond the limit", async () => {
    github.fail("pulls/get", { status: 403, resetIn: 1800, times: 5 });
    const result = await comment(ARGS, env, dir);
    expect(result.code).toBe(1);
    expect(github.requestsTo("pulls/get")).toHaveLength(1);
    expect(result.err).toMatch(/GitHub rate limit on GET \/repos\/acme\/gitops\/pulls\/7: asks to wait 18\d\d s/);
    expect(result.err).toMatch(/GitHub's rate limit stopped the attempt to read pull request #7 \(403: API rate limit exceeded for installation ID 1234\.\); GitHub asks to wait 18\d\d s \(until [^)]+\), longer than kforge waits/);
  });

  it("reads an HTTP-date retry-after", async () => {
    const later = new Date(Date.now() + 7200_000).toUTCString();
    github.fail("pulls/get", { status: 429, retryAfter: later, times: 5 });
    const result = await comment(ARGS, env, dir);
    expect(result.code).toBe(1);
    expect(github.requestsTo("pulls/get")).toHaveLength(1);
    expect(result.err).toMatch(/GitHub asks to wait 7[12]\d\d s/);
  });
});
