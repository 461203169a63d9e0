import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeGithub } from "../helpers/fake-github/fake-github-server.js";

/** The fake must catch requests GitHub would not take, or the tests that use it prove little. */
describe("fake GitHub server", () => {
  let github: FakeGithub;
  const headers = { authorization: "token t0ken-for-fake", "content-type": "application/json" };
  beforeEach(async () => {
    github = await FakeGithub.start();
    github.addToken("t0ken-for-fake", "someone");
    github.addPull(1);
  });
  afterEach(() => github.close());

  it("flags a body that does not fit the operation's schema", async () => {
    const res = await fetch(`${github.url}/repos/acme/gitops/issues/1/comments`, { method: "POST", headers, body: JSON.stringify({ text: "hi" }) });
    expect(res.status).toBe(422);
    expect(github.failures).toEqual(["issues/create-comment: body must have required property 'body'"]);
  });

  it("flags a route GitHub does not have, and a bad path parameter", async () => {
    expect((await fetch(`${github.url}/repos/acme/gitops/nonsense/1`, { headers })).status).toBe(404);
    expect((await fetch(`${github.url}/repos/acme/gitops/issues/comments/abc`, { method: "PATCH", headers, body: '{"body":"x"}' })).status).toBe(422);
    expect(github.failures).toEqual(["GET /repos/acme/gitops/nonsense/1: no such route in GitHub's API", "issues/update-comment: path parameter comment_id must be integer"]);
  });

  it("flags an unknown query parameter", async () => {
    await fetch(`${github.url}/repos/acme/gitops/issues/1/comments?perpage=100`, { headers });
    expect(github.failures).toEqual(["issues/list-comments: unknown query parameter perpage"]);
  });

  it("answers like GitHub for a bad token and scripted faults", async () => {
    const bad = await fetch(`${github.url}/user`, { headers: { authorization: "token nope" } });
    expect([bad.status, ((await bad.json()) as { message: string }).message]).toEqual([401, "Bad credentials"]);
    github.fail("users/get-authenticated", { status: 403, retryAfter: 1 });
    const limited = await fetch(`${github.url}/user`, { headers });
    expect(limited.status).toBe(403);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(((await limited.json()) as { message: string }).message).toMatch(/secondary rate limit/);
    expect((await fetch(`${github.url}/user`, { headers })).status).toBe(200);
    expect(github.failures).toEqual([]);
  });

  it("paginates comments with a Link header", async () => {
    for (let i = 0; i < 5; i++) github.addComment(1, "someone", `c${i}`);
    const res = await fetch(`${github.url}/repos/acme/gitops/issues/1/comments?per_page=2&page=2`, { headers });
    expect(((await res.json()) as { body: string }[]).map((c) => c.body)).toEqual(["c2", "c3"]);
    expect(res.headers.get("link")).toBe(
      `<${github.url}/repos/acme/gitops/issues/1/comments?per_page=2&page=3>; rel="next", <${github.url}/repos/acme/gitops/issues/1/comments?per_page=2&page=3>; rel="last"`,
    );
    expect(github.failures).toEqual([]);
  });
});
