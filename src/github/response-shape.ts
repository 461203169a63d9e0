import { GithubError } from "./github-errors.js";

/**
 * Checks of what GitHub answered, before kforge relies on it: a proxy, a wrong GITHUB_API_URL or
 * a GitHub Enterprise front page can answer 200 with HTML or with some other object, and kforge
 * must then say so rather than print "created: undefined".
 */

export interface CreatedThing {
  id: number;
  html_url: string;
}

/** A created or updated comment or check run: needs a numeric id and its html_url. */
export function createdThing(data: unknown, endpoint: string): CreatedThing {
  const record = isRecord(data) ? data : {};
  if (!Number.isSafeInteger(record.id) || typeof record.html_url !== "string" || !/^https?:\/\//.test(record.html_url)) {
    throw unexpected(endpoint, "an object with a numeric id and an html_url", data);
  }
  return record as unknown as CreatedThing;
}

export interface ListedComment extends CreatedThing {
  body: string;
  user: { login: string } | null;
}

/** One page of an issue's comments: an array of comments with id, html_url, body and author. */
export function commentPage(data: unknown, endpoint: string): ListedComment[] {
  if (!Array.isArray(data)) throw unexpected(endpoint, "a list of comments", data);
  return data.map((item) => {
    const comment = createdThing(item, endpoint) as CreatedThing & Record<string, unknown>;
    const user = comment.user;
    if (user !== null && (!isRecord(user) || typeof user.login !== "string")) throw unexpected(endpoint, "comments whose user has a login", item);
    return { id: comment.id, html_url: comment.html_url, body: typeof comment.body === "string" ? comment.body : "", user: user as ListedComment["user"] };
  });
}

/** A field of text GitHub always sends, e.g. a pull request's head SHA or the user's login. */
export function textField(data: unknown, path: string[], endpoint: string, pattern = /^\S+$/): string {
  let node: unknown = data;
  for (const key of path) node = isRecord(node) ? node[key] : undefined;
  if (typeof node !== "string" || !pattern.test(node)) throw unexpected(endpoint, `an object with ${path.join(".")}`, data);
  return node;
}

function unexpected(endpoint: string, expected: string, data: unknown): GithubError {
  return new GithubError(
    `GitHub's answer to ${endpoint} is not ${expected} (got ${describe(data)}); check that GITHUB_API_URL is the REST API root (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server).`,
  );
}

function describe(data: unknown): string {
  if (data === null || data === undefined || data === "") return "an empty body";
  if (typeof data === "string") return `text starting ${JSON.stringify(data.slice(0, 60))}`;
  if (Array.isArray(data)) return `a list of ${data.length}`;
  if (data instanceof ArrayBuffer) return `${data.byteLength} bytes of binary data`;
  if (isRecord(data)) return `an object with ${Object.keys(data).slice(0, 5).join(", ") || "no fields"}`;
  return typeof data;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
