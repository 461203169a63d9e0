import { MAX_WAIT_SECONDS, requestedWait, waitText } from "./rate-limit.js";

/** A failure talking to GitHub, said for people: what failed and what to do. Exit code 1. */
export class GithubError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GithubError";
  }
}

/** What was being done, for messages, and which workflow permission it needs. */
export interface GithubAction {
  /** e.g. "update the report comment". */
  what: string;
  /** e.g. "pull-requests: write". */
  permission: string;
  /** Message for a 404, when the action can say better than "not found". */
  notFound?: string;
}

interface RequestErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

/** Turns an Octokit RequestError (or a network error) into a GithubError; never echoes request headers. */
export function githubError(error: unknown, action: GithubAction, apiUrl: string): GithubError {
  if (error instanceof GithubError) return error;
  const e = (error ?? {}) as RequestErrorLike;
  const said = githubMessage(e);
  switch (e.status) {
    case 401:
      return new GithubError(`GitHub rejected the token (401${said}) while trying to ${action.what}: GITHUB_TOKEN is expired, revoked or not a token for ${apiUrl}.`);
    case 403:
      if (isRateLimited(e)) return rateLimited(e, action, said);
      return new GithubError(
        `GitHub refused to ${action.what} (403${said}). The workflow needs \`permissions: ${action.permission}\`. ` +
          "On pull requests from forks GITHUB_TOKEN is read-only: post the comment from a `workflow_run` job that downloads the report artifact.",
      );
    case 429:
      return rateLimited(e, action, said);
    case 404:
      return new GithubError(action.notFound ?? `GitHub could not find what is needed to ${action.what} (404${said}); check the repository and that the token can see it.`);
    case 422:
      return new GithubError(`GitHub did not accept the request to ${action.what} (422${said}).`);
    case undefined:
    case 500:
      if (!e.response) return new GithubError(`cannot reach GitHub at ${apiUrl} to ${action.what}: ${e.message ?? String(error)}`);
  }
  return new GithubError(`GitHub failed to ${action.what} (${e.status ?? "no status"}${said}); try again later.`);
}

/** Says when to try again: GitHub's wait if it named one, beyond what kforge waits or after its retries. */
function rateLimited(e: RequestErrorLike, action: GithubAction, said: string): GithubError {
  const wait = requestedWait(e.response?.headers);
  const when =
    wait !== undefined && wait > MAX_WAIT_SECONDS
      ? `GitHub asks to wait ${waitText(wait)}, longer than kforge waits (${MAX_WAIT_SECONDS} s): run the job again after that`
      : wait !== undefined
        ? `still limited after waiting; GitHub asks to wait ${waitText(wait)}: run the job again after that`
        : "run the job again later";
  return new GithubError(`GitHub's rate limit stopped the attempt to ${action.what} (${e.status}${said}); ${when}.`);
}

/** `: message` from GitHub's JSON error body, without the documentation link. */
function githubMessage(e: RequestErrorLike): string {
  const data = e.response?.data as { message?: unknown; errors?: unknown } | undefined;
  const message = typeof data?.message === "string" ? data.message : undefined;
  if (!message) return "";
  const details = Array.isArray(data?.errors) ? data.errors.map((d) => (typeof d === "string" ? d : (d as { message?: string })?.message)).filter(Boolean) : [];
  return `: ${message.slice(0, 300)}${details.length ? ` (${details.join("; ").slice(0, 300)})` : ""}`;
}

function isRateLimited(e: RequestErrorLike): boolean {
  const headers = e.response?.headers ?? {};
  return headers["x-ratelimit-remaining"] === "0" || /rate limit/i.test(e.message ?? "");
}

/** Replaces every occurrence of the secret in text: defence in depth for anything printed. */
export function redact(text: string, secret: string | undefined): string {
  return secret && secret.length >= 4 ? text.split(secret).join("***") : text;
}
