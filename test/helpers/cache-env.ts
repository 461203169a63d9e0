import { execFileSync } from "node:child_process";
import { afterEach, beforeEach } from "vitest";

/**
 * For the tests of the enclosing describe: CI unset (kforge reads and writes its caches only
 * outside CI) and `vars` set, each restored after every test, whatever the shell running the
 * tests has.
 */
export function outsideCi(vars: Record<string, string> = {}): void {
  const names = ["CI", ...Object.keys(vars)];
  const saved = new Map(names.map((name) => [name, process.env[name]]));
  beforeEach(() => {
    delete process.env.CI;
    Object.assign(process.env, vars);
  });
  afterEach(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
}

/** git in `root`, quiet, with a committer identity of its own (a clean machine has none). */
export function git(root: string, ...args: string[]): void {
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: root, stdio: "ignore" });
}
