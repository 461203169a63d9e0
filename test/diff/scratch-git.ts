import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { devNull, tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { diffCommand } from "../../src/cli/diff-command.js";
import { copyExampleInto } from "../helpers/example-repo.js";

/** git with a fixed identity and no user or system config, so tests run the same on any machine. */
export function git(cwd: string, ...args: string[]): string {
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: devNull };
  return execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", ...args], { cwd, env, encoding: "utf8" });
}

export function commitAll(root: string, message: string): void {
  git(root, "add", "-A");
  git(root, "commit", "-q", "--allow-empty", "-m", message);
}

/** A new git repository in a temp folder (nothing committed). */
export function scratchRepo(): string {
  const root = mkdtempSync(join(tmpdir(), "kforge-diff-test-"));
  git(root, "init", "-q");
  return root;
}

/** A scratch repository holding a committed copy of the example fixture's blueprints, clusters and policies. */
export function exampleRepo(): string {
  const root = scratchRepo();
  copyExampleInto(root);
  commitAll(root, "example");
  return root;
}

/** Replaces `from` (which must occur exactly once) with `to` in a file of the repository. */
export function edit(root: string, file: string, from: string, to: string): void {
  const text = readFileSync(join(root, file), "utf8");
  expect(text.split(from).length - 1, `${from} in ${file}`).toBe(1);
  writeFileSync(join(root, file), text.replace(from, to));
}

/** Runs `kforge diff` in-process with captured output. */
export async function runDiff(root: string, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io = { cwd: root, isTty: false, stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t) };
  const code = await diffCommand.run(args, io).catch((error: Error) => {
    // main() turns usage errors into exit 2; the command alone throws them.
    if (error.name !== "UsageError") throw error;
    stderr += `${error.message}\n`;
    return 2;
  });
  return { code, stdout, stderr };
}
