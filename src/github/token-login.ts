import type { GithubClient } from "./github-client.js";
import { githubError } from "./github-errors.js";
import { textField } from "./response-shape.js";

/** The login GitHub Actions' GITHUB_TOKEN (an app installation token) writes comments as. */
export const ACTIONS_BOT_LOGIN = "github-actions[bot]";

export interface TokenLogin {
  login: string;
  /** How it was found, for the log line. */
  from: "--author" | "GET /user" | "installation token";
}

/**
 * Who the token writes comments as, so that only its own report comment is ever edited.
 * `--author` wins. Otherwise GET /user answers for personal access tokens; installation tokens
 * (the GITHUB_TOKEN of Actions, GitHub Apps) get 403 there, and since the Actions token is by
 * far the common case they are taken to be github-actions[bot]; another app's token needs
 * `--author <app-slug>[bot]`.
 */
export async function tokenLogin(client: GithubClient, author: string | undefined, apiUrl: string): Promise<TokenLogin> {
  if (author) return { login: author, from: "--author" };
  try {
    const { data } = await client.rest.users.getAuthenticated();
    return { login: textField(data, ["login"], "GET /user"), from: "GET /user" };
  } catch (error) {
    const e = error as { status?: number; message?: string; response?: { headers?: Record<string, string> } };
    const rateLimited = /rate limit/i.test(e.message ?? "") || e.response?.headers?.["x-ratelimit-remaining"] === "0";
    if (e.status === 403 && !rateLimited) return { login: ACTIONS_BOT_LOGIN, from: "installation token" };
    throw githubError(error, { what: "find out which user the token belongs to", permission: "pull-requests: write" }, apiUrl);
  }
}
