import Bottleneck from "bottleneck";
import { UsageError, type CliIo } from "../../../src/cli/cli-io.js";
import { runComment } from "../../../src/cli/comment-command.js";
import { createGithubClient, type GithubClient } from "../../../src/github/github-client.js";
import { githubConfig, type Env, type GithubConfig } from "../../../src/github/github-config.js";
import type { FakeGithub } from "./fake-github-server.js";

/** The variables GitHub Actions sets, pointing at the fake server; nothing from the real environment. */
export function actionsEnv(github: FakeGithub, token: string | undefined, extra: Env = {}): Env {
  return {
    GITHUB_TOKEN: token,
    GITHUB_REPOSITORY: `${github.owner}/${github.repo}`,
    GITHUB_API_URL: github.url,
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_RUN_ID: "4242",
    ...extra,
  };
}

export interface CapturedIo extends CliIo {
  out: () => string;
  err: () => string;
}

export function captureIo(cwd: string): CapturedIo {
  let out = "";
  let err = "";
  return { cwd, isTty: false, stdout: (t) => (out += t), stderr: (t) => (err += t), out: () => out, err: () => err };
}

/**
 * A client like the command's, with write limiters that do not wait: the real ones space writes
 * a second apart (GitHub's advice), which is right for a workflow and slow for tests with many.
 */
export function fastClient(github: FakeGithub, token: string, warnings: string[] = []): { client: GithubClient; config: GithubConfig } {
  const config = githubConfig(actionsEnv(github, token));
  const group = () => new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 });
  const client = createGithubClient(config, { warn: (m) => warnings.push(m), throttle: { write: group(), notifications: group() } });
  return { client, config };
}

/** Runs `kforge comment` like main() does: a UsageError is exit 2 with its message. */
export async function runCommentCommand(args: string[], env: Env, cwd: string): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(cwd);
  try {
    const code = await runComment(args, io, env);
    return { code, out: io.out(), err: io.err() };
  } catch (error) {
    if (error instanceof UsageError) return { code: 2, out: io.out(), err: `${io.err()}${error.message}\n` };
    throw error;
  }
}
