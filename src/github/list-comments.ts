import type { GithubClient } from "./github-client.js";
import { commentPage, type ListedComment } from "./response-shape.js";

/** 100 pages of 100: far more than any pull request thread; a server that never ends is cut off. */
const MAX_PAGES = 100;
const PER_PAGE = 100;

/**
 * Every comment on an issue, page by page. kforge asks for page N itself rather than following
 * the `link` header as Octokit's paginate does: a `next` URL is taken from the answer as given,
 * so a proxy or a wrong GITHUB_API_URL could send the token to another host with it.
 */
export async function listIssueComments(client: GithubClient, owner: string, repo: string, issueNumber: number): Promise<ListedComment[]> {
  const endpoint = `GET /repos/${owner}/${repo}/issues/${issueNumber}/comments`;
  const all: ListedComment[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const response = await client.rest.issues.listComments({ owner, repo, issue_number: issueNumber, per_page: PER_PAGE, page });
    const comments = commentPage(response.data, endpoint);
    all.push(...comments);
    if (comments.length < PER_PAGE || !/\brel="next"/.test(response.headers.link ?? "")) break;
  }
  return all;
}
