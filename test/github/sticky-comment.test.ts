import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { REPORT_MARKER } from "../../src/github/comment-body.js";
import { upsertStickyComment, type CommentTarget } from "../../src/github/sticky-comment.js";
import { FakeGithub } from "../helpers/fake-github/fake-github-server.js";
import { fastClient } from "../helpers/fake-github/github-test-env.js";

const TOKEN = "ghp_stickyTestToken0000000000000000000";
const report = (text: string) => `${REPORT_MARKER}\n## kforge report\n\n${text}\n`;

describe("sticky report comment", () => {
  let github: FakeGithub;
  let target: CommentTarget;

  beforeEach(async () => {
    github = await FakeGithub.start();
    github.addToken(TOKEN, "kforge-bot");
    github.addPull(7);
    target = { owner: "acme", repo: "gitops", issueNumber: 7, login: "kforge-bot", apiUrl: github.url };
  });

  afterEach(async () => {
    await github.close();
    expect(github.failures).toEqual([]);
  });

  it("creates the comment when the pull request has none", async () => {
    github.addComment(7, "alice", "LGTM");
    const result = await upsertStickyComment(fastClient(github, TOKEN).client, target, report("first"));
    expect(result.action).toBe("created");
    expect(github.commentsOn(7).map((c) => [c.user.login, c.body])).toEqual([
      ["alice", "LGTM"],
      ["kforge-bot", report("first")],
    ]);
    expect(result.url).toContain(`#issuecomment-${result.id}`);
  });

  it("updates its own comment in place on the next run", async () => {
    const { client } = fastClient(github, TOKEN);
    const first = await upsertStickyComment(client, target, report("first"));
    github.addComment(7, "alice", "please bump replicas");
    const second = await upsertStickyComment(client, target, report("second"));
    expect(second).toMatchObject({ action: "updated", id: first.id, removed: 0 });
    const own = github.commentsOn(7).filter((c) => c.user.login === "kforge-bot");
    expect(own.map((c) => c.body)).toEqual([report("second")]);
    expect(github.requestsTo("issues/create-comment")).toHaveLength(1);
    expect(github.requestsTo("issues/update-comment")).toHaveLength(1);
  });

  it("leaves a marker comment by someone else alone and creates its own", async () => {
    const foreign = github.addComment(7, "mallory", report("fake report"));
    const result = await upsertStickyComment(fastClient(github, TOKEN).client, target, report("real"));
    expect(result.action).toBe("created");
    expect(github.comments.find((c) => c.id === foreign.id)?.body).toBe(report("fake report"));
    expect(github.requestsTo("issues/update-comment")).toHaveLength(0);
    expect(github.requestsTo("issues/delete-comment")).toHaveLength(0);
  });

  it("ignores its own comments that do not start with the marker", async () => {
    github.addComment(7, "kforge-bot", `quoting:\n> ${REPORT_MARKER}`);
    const result = await upsertStickyComment(fastClient(github, TOKEN).client, target, report("real"));
    expect(result.action).toBe("created");
    expect(github.commentsOn(7)).toHaveLength(2);
  });

  it("finds its comment on a later page of a long thread", async () => {
    for (let i = 0; i < 150; i++) github.addComment(7, "alice", `comment ${i}`);
    const { client } = fastClient(github, TOKEN);
    const first = await upsertStickyComment(client, target, report("first"));
    const second = await upsertStickyComment(client, target, report("second"));
    expect(second).toMatchObject({ action: "updated", id: first.id });
    expect(github.requestsTo("issues/list-comments").map((r) => r.path)).toContain("/repos/acme/gitops/issues/7/comments?per_page=100&page=2");
  });

  it("two runs at once leave exactly one own comment", async () => {
    // Both runs list the comments before either creates one: the race the cleanup is for.
    github.gate("issues/list-comments", 2);
    github.addComment(7, "mallory", report("not ours"));
    const [a, b] = await Promise.all([
      upsertStickyComment(fastClient(github, TOKEN).client, target, report("run A")),
      upsertStickyComment(fastClient(github, TOKEN).client, target, report("run B")),
    ]);
    expect(github.requestsTo("issues/create-comment")).toHaveLength(2);
    const own = github.commentsOn(7).filter((c) => c.user.login === "kforge-bot");
    expect(own).toHaveLength(1);
    expect([report("run A"), report("run B")]).toContain(own[0].body);
    expect(a.id).toBe(own[0].id);
    expect(b.id).toBe(own[0].id);
    expect(github.commentsOn(7).filter((c) => c.user.login === "mallory")).toHaveLength(1);
  });

  it("retries a create refused by a secondary rate limit after retry-after", async () => {
    github.fail("issues/create-comment", { status: 403, retryAfter: 1 });
    const warnings: string[] = [];
    await upsertStickyComment(fastClient(github, TOKEN, warnings).client, target, report("first"));
    const creates = github.requestsTo("issues/create-comment");
    expect(creates.map((r) => r.status)).toEqual([403, 201]);
    expect(creates[1].at - creates[0].at).toBeGreaterThanOrEqual(950);
    expect(creates[1].at - creates[0].at).toBeLessThan(2500);
    expect(warnings).toEqual(["GitHub secondary rate limit on POST /repos/acme/gitops/issues/7/comments: retrying in 1 s"]);
    expect(github.commentsOn(7)).toHaveLength(1);
  });

  it("removes own duplicates left by an earlier race, keeping the oldest", async () => {
    const oldest = github.addComment(7, "kforge-bot", report("old 1"));
    github.addComment(7, "kforge-bot", report("old 2"));
    const result = await upsertStickyComment(fastClient(github, TOKEN).client, target, report("new"));
    expect(result).toMatchObject({ action: "updated", id: oldest.id, removed: 1 });
    expect(github.commentsOn(7).map((c) => c.body)).toEqual([report("new")]);
  });

  it("matches the token's login case-insensitively", async () => {
    const existing = github.addComment(7, "kforge-bot", report("old"));
    const result = await upsertStickyComment(fastClient(github, TOKEN).client, { ...target, login: "Kforge-Bot" }, report("new"));
    expect(result).toMatchObject({ action: "updated", id: existing.id });
  });
});
