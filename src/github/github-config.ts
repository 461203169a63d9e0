import { UsageError } from "../cli/cli-io.js";

/** Where to talk to GitHub and as whom, read from the variables GitHub Actions sets. */
export interface GithubConfig {
  /** REST API root, `GITHUB_API_URL` (api.github.com, or a GitHub Enterprise Server's /api/v3). */
  apiUrl: string;
  owner: string;
  repo: string;
  token: string;
  /** Link to this workflow run, where the job summary is, when the run's variables are set. */
  runUrl?: string;
}

export type Env = Record<string, string | undefined>;

const REPOSITORY = /^([A-Za-z0-9-]+|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])\/([A-Za-z0-9._-]+)$/;

/** Reads and checks the configuration; a missing or malformed variable is a usage error (exit 2). */
export function githubConfig(env: Env): GithubConfig {
  const token = env.GITHUB_TOKEN?.trim();
  if (!token) {
    throw new UsageError(
      "GITHUB_TOKEN is not set. In a workflow, pass it to the step: `env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}` (the job needs `permissions: pull-requests: write`).",
    );
  }
  const repository = env.GITHUB_REPOSITORY?.trim();
  if (!repository) throw new UsageError("GITHUB_REPOSITORY is not set; set it to owner/repo (GitHub Actions sets it for every step).");
  const match = REPOSITORY.exec(repository);
  if (!match) throw new UsageError(`GITHUB_REPOSITORY "${repository}" is not of the form owner/repo.`);
  const apiUrl = (env.GITHUB_API_URL?.trim() || "https://api.github.com").replace(/\/+$/, "");
  if (!/^https?:\/\/[^\s/]+/.test(apiUrl) || !URL.canParse(apiUrl)) throw new UsageError(`GITHUB_API_URL "${apiUrl}" is not an http(s) URL.`);
  const server = env.GITHUB_SERVER_URL?.trim().replace(/\/+$/, "");
  const runId = env.GITHUB_RUN_ID?.trim();
  const runUrl = server && runId && /^\d+$/.test(runId) && URL.canParse(server) ? `${server}/${repository}/actions/runs/${runId}` : undefined;
  return { apiUrl, owner: match[1], repo: match[2], token, runUrl };
}

/** `refs/pull/123/merge` (what GITHUB_REF is for pull_request events) -> 123. */
export function pullNumberFromRef(ref: string | undefined): number | undefined {
  const match = /^refs\/pull\/(\d+)\//.exec(ref ?? "");
  return match ? Number(match[1]) : undefined;
}
