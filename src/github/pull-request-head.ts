import type { GithubClient } from "./github-client.js";
import { githubError } from "./github-errors.js";
import { textField } from "./response-shape.js";

/** The pull request's head commit; a clear error when the number is not a pull request here. */
export async function pullRequestHead(client: GithubClient, owner: string, repo: string, number: number, apiUrl: string): Promise<string> {
  let data: unknown;
  try {
    data = (await client.rest.pulls.get({ owner, repo, pull_number: number })).data;
  } catch (error) {
    const notFound = `pull request #${number} not found in ${owner}/${repo} (or the token cannot see it)`;
    throw githubError(error, { what: `read pull request #${number}`, permission: "pull-requests: read", notFound }, apiUrl);
  }
  return textField(data, ["head", "sha"], `GET /repos/${owner}/${repo}/pulls/${number}`, /^([0-9a-f]{40}|[0-9a-f]{64})$/);
}
