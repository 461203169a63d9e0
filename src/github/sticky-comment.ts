import { REPORT_MARKER } from "./comment-body.js";
import type { GithubClient } from "./github-client.js";
import { githubError } from "./github-errors.js";
import { listIssueComments } from "./list-comments.js";
import { createdThing, type ListedComment } from "./response-shape.js";

export interface CommentTarget {
  owner: string;
  repo: string;
  /** Pull request (issue) number. */
  issueNumber: number;
  /** Login the token posts as; only this author's comments are ever edited or deleted. */
  login: string;
  apiUrl: string;
}

export interface StickyResult {
  action: "created" | "updated";
  id: number;
  url: string;
  /** Own duplicate report comments deleted (left by runs that raced). */
  removed: number;
}

type Comment = ListedComment;

const WRITE = "pull-requests: write";

/**
 * Keeps one kforge report comment per pull request: the oldest comment that starts with the
 * marker and was written by `login` is updated; only when there is none is one created.
 * Comments by anyone else are never touched, even if they carry the marker (someone quoting
 * the report, or another bot). Two runs at once can both find nothing and both create; so after
 * creating, the list is read again and every own report comment but the oldest is deleted, the
 * oldest taking this run's body. Whichever run finishes last leaves its body; the workflow's
 * concurrency group keeps runs of one pull request in order in the first place.
 */
export async function upsertStickyComment(client: GithubClient, target: CommentTarget, body: string): Promise<StickyResult> {
  const existing = await ownReportComments(client, target);
  if (existing.length > 0) {
    const [keeper, ...duplicates] = existing;
    const updated = await updateComment(client, target, keeper.id, body);
    if (updated) return { action: "updated", id: keeper.id, url: updated.html_url, removed: await deleteComments(client, target, duplicates) };
    // Deleted between listing and updating (another run cleaning up): create instead.
  }
  const response = await call(target, "post the report comment", () =>
    client.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: target.issueNumber, body }),
  );
  const created = createdThing(response.data, `POST /repos/${target.owner}/${target.repo}/issues/${target.issueNumber}/comments`);
  const after = await ownReportComments(client, target);
  // The list may lag behind the create; ours counts either way.
  const own = after.some((c) => c.id === created.id) ? after : [...after, { ...created, body, user: { login: target.login } }].sort((a, b) => a.id - b.id);
  const [keeper, ...duplicates] = own;
  if (keeper.id === created.id) return { action: "created", id: keeper.id, url: created.html_url, removed: await deleteComments(client, target, duplicates) };
  // Another run created one first: that older comment stays, with this run's body, and ours goes.
  const updated = await updateComment(client, target, keeper.id, body);
  const removed = await deleteComments(client, target, duplicates);
  return updated ? { action: "updated", id: keeper.id, url: updated.html_url, removed } : { action: "created", id: created.id, url: created.html_url, removed };
}

/** Report comments written by `login`, oldest first (ids grow with time). */
export async function ownReportComments(client: GithubClient, target: CommentTarget): Promise<Comment[]> {
  const comments = await call(target, "read the pull request's comments", () => listIssueComments(client, target.owner, target.repo, target.issueNumber));
  const login = target.login.toLowerCase();
  return comments
    .filter((c) => c.user?.login.toLowerCase() === login && c.body.trimStart().startsWith(REPORT_MARKER))
    .sort((a, b) => a.id - b.id);
}

/** The updated comment, or undefined when it no longer exists. */
async function updateComment(client: GithubClient, target: CommentTarget, id: number, body: string): Promise<{ id: number; html_url: string } | undefined> {
  let data: unknown;
  try {
    data = (await client.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: id, body })).data;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw githubError(error, { what: "update the report comment", permission: WRITE }, target.apiUrl);
  }
  return createdThing(data, `PATCH /repos/${target.owner}/${target.repo}/issues/comments/${id}`);
}

/** Deletes own duplicates; one already gone (the other run deleted it) is fine. */
async function deleteComments(client: GithubClient, target: CommentTarget, comments: Comment[]): Promise<number> {
  let removed = 0;
  for (const comment of comments) {
    try {
      await client.rest.issues.deleteComment({ owner: target.owner, repo: target.repo, comment_id: comment.id });
      removed++;
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw githubError(error, { what: "delete a duplicate report comment", permission: WRITE }, target.apiUrl);
    }
  }
  return removed;
}

async function call<T>(target: CommentTarget, what: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    const notFound = `pull request #${target.issueNumber} not found in ${target.owner}/${target.repo} (or the token cannot see it)`;
    throw githubError(error, { what, permission: WRITE, notFound }, target.apiUrl);
  }
}
