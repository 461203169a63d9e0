import { createGithubClient } from "../github/github-client.js";
import { githubConfig, pullNumberFromRef, type Env } from "../github/github-config.js";
import { GithubError, redact } from "../github/github-errors.js";
import { localReport } from "../github/local-report.js";
import { publishReport } from "../github/publish-report.js";
import { readReportFiles } from "../github/read-report-input.js";
import { mergeInputs } from "../github/report-input.js";
import { EXIT, UsageError, type CliIo, type Command } from "./cli-io.js";
import { today } from "./lint-options.js";
import { parseFlags } from "./parse-flags.js";
import { resolveRoot } from "./resolve-root.js";
import { plural } from "../report/plural.js";

const FLAGS = {
  pr: { type: "string" },
  input: { type: "string", multiple: true },
  author: { type: "string" },
  "check-run": { type: "string" },
  sha: { type: "string" },
  root: { type: "string" },
} as const;

export const commentCommand: Command = {
  name: "comment",
  flags: FLAGS,
  summary: "post the report as one sticky pull request comment (and optionally a check run)",
  usage: `Usage: kforge comment --pr N [--input RESULTS.json ...] [--author LOGIN] [--check-run NAME [--sha SHA]] [--root DIR]

Posts the kforge report on pull request N as one comment, and on later runs updates that same
comment: the oldest comment starting with <!-- kforge:report --> written by the token's user.
Comments by anyone else are never edited. A report longer than GitHub's 65,536 characters is
cut, pointing at the job summary, where the whole report is appended (GITHUB_STEP_SUMMARY,
kept within GitHub's 1 MiB per step). Redirects are not followed, and a rate limit asking to
wait more than 120 s fails at once, saying when to run again.

Options:
  --pr N             pull request number (default: from GITHUB_REF refs/pull/N/merge)
  --input FILE       output of \`kforge check --format json\` or \`kforge diff --format json\`
                     (a regular file, at most 32 MiB); repeatable. Without it, the check
                     runs here on the repository.
  --author LOGIN     the login the token posts as, when it is neither a user's token nor the
                     Actions GITHUB_TOKEN (github-actions[bot]), e.g. my-app[bot]
  --check-run NAME   also create a check run NAME whose annotations are the findings
  --sha SHA          commit for the check run (default: the pull request's head)
  --root DIR         repository root for the check run here without --input (default:
                     nearest folder upwards with clusters/)
  -h, --help         show this help

Environment: GITHUB_TOKEN (required; needs pull-requests: write, and checks: write for
--check-run), GITHUB_REPOSITORY (owner/repo), GITHUB_API_URL, and for the job summary link
GITHUB_SERVER_URL and GITHUB_RUN_ID. Run the job in a concurrency group per pull request.

Exit codes: 0 posted, 1 GitHub refused or failed, 2 usage or configuration errors.`,
  run: (args, io) => runComment(args, io, process.env),
};

export async function runComment(args: string[], io: CliIo, env: Env): Promise<number> {
  const { values } = parseFlags("comment", args, FLAGS);
  if (values.help) {
    io.stdout(`${commentCommand.usage}\n`);
    return EXIT.ok;
  }
  const pullNumber = pullNumberOption(values.pr, env.GITHUB_REF);
  const config = githubConfig(env);
  if (values.sha !== undefined && !values["check-run"]) throw new UsageError("--sha is for the check run: give --check-run NAME too");
  if (values.sha !== undefined && !/^([0-9a-f]{40}|[0-9a-f]{64})$/i.test(values.sha)) throw new UsageError(`--sha ${values.sha}: expected a full commit SHA`);
  if (values.author !== undefined && !/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(\[bot\])?$/.test(values.author)) throw new UsageError(`--author ${values.author}: not a GitHub login`);
  const input = values.input?.length ? mergeInputs(await readReportFiles(values.input, io.cwd)) : await localReport(resolveRoot(io.cwd, values.root), today());
  const say = (text: string) => io.stderr(redact(text, config.token));
  const client = createGithubClient(config, { warn: (message) => say(`kforge comment: ${message}\n`) });
  try {
    const result = await publishReport({
      config,
      client,
      pullNumber,
      input,
      author: values.author,
      checkRun: values["check-run"] ? { name: values["check-run"], sha: values.sha } : undefined,
      stepSummaryFile: env.GITHUB_STEP_SUMMARY || undefined,
    });
    const where = `${config.owner}/${config.repo}#${pullNumber}`;
    const removed = result.comment.removed > 0 ? `; removed ${plural(result.comment.removed, "duplicate")}` : "";
    const cut = result.truncated ? " (cut to GitHub's size limit; the whole report is in the job summary)" : "";
    io.stdout(redact(`kforge comment: ${result.comment.action} the report comment on ${where} as ${result.login.login}${removed}${cut}: ${result.comment.url}\n`, config.token));
    if (result.checkRun) io.stdout(redact(`kforge comment: check run with ${plural(result.checkRun.annotations, "annotation")}: ${result.checkRun.url}\n`, config.token));
    return EXIT.ok;
  } catch (error) {
    if (error instanceof GithubError) {
      say(`kforge comment: ${error.message}\n`);
      return EXIT.findings;
    }
    // An unexpected error is printed with its stack by main(); make sure the token is not in it.
    const safe = new Error(redact((error as Error).message ?? String(error), config.token));
    safe.stack = redact((error as Error).stack ?? "", config.token);
    throw safe;
  }
}

function pullNumberOption(flag: string | undefined, ref: string | undefined): number {
  if (flag === undefined) {
    const fromRef = pullNumberFromRef(ref);
    if (fromRef === undefined) throw new UsageError("--pr N is required (GITHUB_REF is not a pull request ref)");
    return fromRef;
  }
  if (!/^[1-9]\d{0,9}$/.test(flag)) throw new UsageError(`--pr ${flag}: expected a pull request number`);
  return Number(flag);
}
