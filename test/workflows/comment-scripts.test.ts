import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allSteps, stepById, workflowFile } from "./workflow-files.js";

// Runs the run: scripts of kforge-comment.yml as the runner would (bash -e), with stand-ins for
// `gh` and `node bin/kforge.js` that record their arguments, and a hostile artifact on disk.
const comment = workflowFile("kforge-comment.yml").workflow;
const findScript = stepById(comment, "pr").run!;
const postScript = allSteps(comment).find(({ step }) => step.run?.includes("kforge.js comment"))!.step.run!;

const SHA = "0123456789abcdef0123456789abcdef01234567";
const OTHER_SHA = "fedcba9876543210fedcba9876543210fedcba98";

// gh stand-in: `gh api PATH ...`; answers what the script's --jq filter would have printed.
const FAKE_GH = `#!/usr/bin/env bash
echo "$*" >> "$WORK/gh.log"
case "$2" in
  */commits/*/pulls) printf '%s' "\${FAKE_COMMIT_PULLS:-}" ;;
  */pulls/*) printf '%s' "\${FAKE_PULL_HEAD:-}" ;;
esac
`;

interface Run {
  code: number | null;
  stdout: string;
  output: string;
  work: string;
}

function runScript(script: string, env: Record<string, string>, artifact: Record<string, string> = {}, prepare?: (results: string) => void): Run {
  const work = mkdtempSync(join(tmpdir(), "kforge-comment-"));
  const results = join(work, "results");
  mkdirSync(join(work, "bin"), { recursive: true });
  mkdirSync(results);
  for (const [name, content] of Object.entries(artifact)) writeFileSync(join(results, name), content);
  prepare?.(results);
  writeFileSync(join(work, "bin", "gh"), FAKE_GH);
  chmodSync(join(work, "bin", "gh"), 0o755);
  // bin/kforge.js stand-in, relative to the working directory like the real checkout.
  writeFileSync(join(work, "bin", "kforge.js"), `require("fs").writeFileSync(process.env.WORK + "/kforge.args", JSON.stringify(process.argv.slice(2)));`);
  writeFileSync(join(work, "package.json"), `{"type": "commonjs"}`);
  writeFileSync(join(work, "script.sh"), script);
  const result = spawnSync("bash", ["-e", join(work, "script.sh")], {
    cwd: work,
    encoding: "utf8",
    env: { PATH: `${join(work, "bin")}:${process.env.PATH}`, WORK: work, RESULTS: results, GITHUB_OUTPUT: join(work, "output"), REPO: "platform/gitops", ...env },
  });
  const output = existsSync(join(work, "output")) ? readFileSync(join(work, "output"), "utf8") : "";
  return { code: result.status, stdout: result.stdout + result.stderr, output, work };
}

const ghCalls = (run: Run) => (existsSync(join(run.work, "gh.log")) ? readFileSync(join(run.work, "gh.log"), "utf8") : "");

describe("kforge-comment.yml: finding the pull request", () => {
  it("uses the number the event gives, without asking the API", () => {
    const run = runScript(findScript, { EVENT_PR: "12", HEAD_SHA: SHA });
    expect(run).toMatchObject({ code: 0, output: "number=12\n" });
    expect(ghCalls(run)).toBe("");
  });

  it("accepts a fork PR's artifact hint only when that PR's head is the run's commit", () => {
    const hinted = runScript(findScript, { EVENT_PR: "", HEAD_SHA: SHA, FAKE_PULL_HEAD: SHA }, { "pull-request.json": '{"number": 34}' });
    expect(hinted).toMatchObject({ code: 0, output: "number=34\n" });
    expect(ghCalls(hinted)).toContain("api repos/platform/gitops/pulls/34");
    const lying = runScript(findScript, { EVENT_PR: "", HEAD_SHA: SHA, FAKE_PULL_HEAD: OTHER_SHA, FAKE_COMMIT_PULLS: "56" }, { "pull-request.json": '{"number": 34}' });
    expect(lying).toMatchObject({ code: 0, output: "number=56\n" });
    expect(ghCalls(lying)).toContain(`api repos/platform/gitops/commits/${SHA}/pulls`);
  });

  it("ignores an artifact number that is not an integer and never passes it to the API", () => {
    const run = runScript(findScript, { EVENT_PR: "", HEAD_SHA: SHA, FAKE_COMMIT_PULLS: "7" }, { "pull-request.json": '{"number": "7; touch pwned"}' });
    expect(run).toMatchObject({ code: 0, output: "number=7\n" });
    expect(ghCalls(run)).not.toContain("pwned");
    expect(existsSync(join(run.work, "pwned"))).toBe(false);
  });

  it("rejects an API answer that is not digits", () => {
    const run = runScript(findScript, { EVENT_PR: "", HEAD_SHA: SHA, FAKE_COMMIT_PULLS: "7\nnumber=8" });
    expect(run.code).toBe(1);
    expect(run.output).toBe("");
    expect(run.stdout).toContain("::error::the pull request number is not a number");
  });

  it("ends quietly when no open PR has the commit", () => {
    const run = runScript(findScript, { EVENT_PR: "", HEAD_SHA: SHA });
    expect(run).toMatchObject({ code: 0, output: "" });
    expect(run.stdout).toContain("::notice::no open pull request has head commit");
  });

  it("refuses an event without a commit SHA", () => {
    const run = runScript(findScript, { EVENT_PR: "12", HEAD_SHA: "main; touch pwned" });
    expect(run).toMatchObject({ code: 1, output: "" });
  });
});

describe("kforge-comment.yml: posting the comment", () => {
  const kforgeArgs = (run: Run) => JSON.parse(readFileSync(join(run.work, "kforge.args"), "utf8")) as string[];

  it("passes the validated number and each json result to kforge comment", () => {
    const run = runScript(postScript, { PR_NUMBER: "12" }, { "check.json": '{"findings": []}', "diff.json": "{}", "kforge.sarif": "{}" });
    expect(run.code, run.stdout).toBe(0);
    const results = join(run.work, "results");
    expect(kforgeArgs(run)).toEqual(["comment", "--pr", "12", "--input", `${results}/check.json`, "--input", `${results}/diff.json`]);
  });

  it("passes only the results that exist", () => {
    const run = runScript(postScript, { PR_NUMBER: "12" }, { "check.json": "{}" });
    expect(kforgeArgs(run)).toEqual(["comment", "--pr", "12", "--input", `${join(run.work, "results")}/check.json`]);
  });

  it("refuses a result that is not JSON, or a symlink out of the artifact", () => {
    const notJson = runScript(postScript, { PR_NUMBER: "12" }, { "check.json": "$(touch pwned)" });
    expect(notJson.code).toBe(1);
    expect(notJson.stdout).toContain("::error::check.json in the kforge artifact is not a JSON file");
    const link = runScript(postScript, { PR_NUMBER: "12" }, {}, (results) => symlinkSync("/etc/hostname", join(results, "diff.json")));
    expect(link.code).toBe(1);
    for (const run of [notJson, link]) expect(existsSync(join(run.work, "kforge.args"))).toBe(false);
  });

  it("does not comment when the kforge run left no results", () => {
    const run = runScript(postScript, { PR_NUMBER: "12" });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("::notice::the kforge run left no check.json or diff.json");
    expect(existsSync(join(run.work, "kforge.args"))).toBe(false);
  });
});
