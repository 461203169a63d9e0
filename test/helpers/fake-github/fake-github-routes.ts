import type { FakeGithub, TokenInfo } from "./fake-github-server.js";
import { authenticatedUserJson, checkRunJson, commentJson, errorJson, pullJson, type FakeCheckRun } from "./github-shapes.js";

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Call {
  github: FakeGithub;
  auth: TokenInfo;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  base: string;
}

const COMMENT_LIMIT = 65_536;
const notFound: Reply = { status: 404, body: errorJson(404, "Not Found") };
const readOnly: Reply = { status: 403, body: errorJson(403, "Resource not accessible by integration") };

/** What GitHub does for each operation kforge uses, on the fake's in-memory state. Keyed by operationId. */
export const HANDLERS: Record<string, (call: Call) => Reply> = {
  "users/get-authenticated": ({ auth, base }) => (auth.installation ? readOnly : { status: 200, body: authenticatedUserJson(base, auth.user) }),

  "pulls/get": ({ github, params, base }) => {
    const head = github.pulls.get(Number(params.pull_number));
    return head ? { status: 200, body: pullJson(base, repoName(github), Number(params.pull_number), head) } : notFound;
  },

  "issues/list-comments": ({ github, params, query, base }) => {
    const issue = Number(params.issue_number);
    if (!github.pulls.has(issue)) return notFound;
    const perPage = Number(query.get("per_page") ?? 30);
    const page = Number(query.get("page") ?? 1);
    const all = github.commentsOn(issue);
    const pages = Math.max(1, Math.ceil(all.length / perPage));
    const items = all.slice((page - 1) * perPage, page * perPage).map((c) => commentJson(base, repoName(github), c));
    const link = (n: number, rel: string) => `<${base}/repos/${repoName(github)}/issues/${issue}/comments?per_page=${perPage}&page=${n}>; rel="${rel}"`;
    const headers: Record<string, string> = page < pages ? { link: [link(page + 1, "next"), link(pages, "last")].join(", ") } : {};
    return { status: 200, body: items, headers };
  },

  "issues/create-comment": ({ github, auth, params, body, base }) => {
    if (auth.readOnly) return readOnly;
    const issue = Number(params.issue_number);
    if (!github.pulls.has(issue)) return notFound;
    const text = (body as { body: string }).body;
    if (text.length > COMMENT_LIMIT) return tooLong();
    const now = new Date().toISOString();
    const comment = { id: github.id(), issue, body: text, user: auth.user, createdAt: now, updatedAt: now };
    github.comments.push(comment);
    const json = commentJson(base, repoName(github), comment);
    return { status: 201, body: json, headers: { location: String(json.url) } };
  },

  "issues/update-comment": ({ github, auth, params, body, base }) => {
    const comment = github.comments.find((c) => c.id === Number(params.comment_id));
    if (!comment) return notFound;
    if (auth.readOnly) return readOnly;
    if (comment.user.login !== auth.user.login) return foreign(github, "edited", comment.id);
    const text = (body as { body: string }).body;
    if (text.length > COMMENT_LIMIT) return tooLong();
    comment.body = text;
    comment.updatedAt = new Date().toISOString();
    return { status: 200, body: commentJson(base, repoName(github), comment) };
  },

  "issues/delete-comment": ({ github, auth, params }) => {
    const index = github.comments.findIndex((c) => c.id === Number(params.comment_id));
    if (index < 0) return notFound;
    if (auth.readOnly) return readOnly;
    if (github.comments[index].user.login !== auth.user.login) return foreign(github, "deleted", github.comments[index].id);
    github.comments.splice(index, 1);
    return { status: 204 };
  },

  "checks/create": ({ github, auth, body, base }) => {
    if (auth.readOnly) return readOnly;
    const request = body as { name: string; head_sha: string; status?: string; conclusion?: string; output?: { title?: string; summary?: string; annotations?: unknown[] } };
    const run: FakeCheckRun = {
      id: github.id(),
      name: request.name,
      headSha: request.head_sha,
      status: request.conclusion ? "completed" : (request.status ?? "queued"),
      conclusion: request.conclusion ?? null,
      output: { title: request.output?.title ?? null, summary: request.output?.summary ?? null },
      annotations: [...(request.output?.annotations ?? [])],
    };
    github.checkRuns.set(run.id, run);
    return { status: 201, body: checkRunJson(base, repoName(github), run) };
  },

  "checks/update": ({ github, auth, params, body, base }) => {
    const run = github.checkRuns.get(Number(params.check_run_id));
    if (!run) return notFound;
    if (auth.readOnly) return readOnly;
    const request = body as { status?: string; conclusion?: string; output?: { title?: string; summary?: string; annotations?: unknown[] } };
    if (request.output) {
      run.output = { title: request.output.title ?? run.output.title, summary: request.output.summary ?? run.output.summary };
      // GitHub appends annotations on every update.
      run.annotations.push(...(request.output.annotations ?? []));
    }
    if (request.status) run.status = request.status;
    if (request.conclusion) [run.status, run.conclusion] = ["completed", request.conclusion];
    return { status: 200, body: checkRunJson(base, repoName(github), run) };
  },
};

function repoName(github: FakeGithub): string {
  return `${github.owner}/${github.repo}`;
}

function tooLong(): Reply {
  const errors = [{ resource: "IssueComment", code: "custom", field: "body", message: "body is too long (maximum is 65536 characters)" }];
  return { status: 422, body: { ...errorJson(422, "Validation Failed"), errors } };
}

/** GitHub lets admins edit others' comments; kforge must never try, so the fake flags it. */
function foreign(github: FakeGithub, what: string, id: number): Reply {
  github.failures.push(`kforge ${what} comment ${id}, written by someone else`);
  return { status: 403, body: errorJson(403, "Must have admin rights to Repository.") };
}
