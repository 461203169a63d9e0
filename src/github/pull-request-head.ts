import type { GithubClient } from "./github-client.js";
import { githubError } from "./github-errors.js";

/** The pull request's head commit; a clear error when the number is not a pull request here. */
export async function pullRequestHead(client: GithubClient, owner: string, repo: string, number: number, apiUrl: string): Promise<string> {
  try {
    const { data } = await client.rest.pulls.get({ owner, repo, pull_number: number });
    return data.head.sha;
  } catch (error) {
    const notFound = `pull request #${number} not found in ${owner}/${repo} (or the token cannot see it)`;
    throw githubError(error, { what: `read pull request #${number}`, permission: "pull-requests: read", notFound }, apiUrl);
  }
}
