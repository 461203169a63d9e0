import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clusterYaml, MINI_BLUEPRINT } from "../helpers/mini-blueprint.js";
import { makeRepo, runCli, snapshot } from "../helpers/temp-repo.js";

const LOCK = ".kforge-cache/render.lock";

function repo(): string {
  return makeRepo({
    ...MINI_BLUEPRINT,
    "clusters/dev/cluster.yaml": clusterYaml("dev", `    - name: web
      blueprint: mini
      namespace: apps
      values: {image: "nginx:1.25"}
`),
  });
}

function holdLock(root: string, pid: number): void {
  mkdirSync(join(root, ".kforge-cache"), { recursive: true });
  writeFileSync(join(root, LOCK), `${pid} ${hostname()}\n`);
}

/** A process that is alive until killed: the holder of a lock. */
function liveProcess() {
  return spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
}

/** The pid of a process that has already exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout);
}

let savedWait: string | undefined;
beforeEach(() => {
  savedWait = process.env.KFORGE_LOCK_WAIT;
});
afterEach(() => {
  if (savedWait === undefined) delete process.env.KFORGE_LOCK_WAIT;
  else process.env.KFORGE_LOCK_WAIT = savedWait;
});

describe("two renders at once", () => {
  it("a render while another holds the lock refuses, naming its pid, and writes nothing", async () => {
    const root = repo();
    const holder = liveProcess();
    try {
      holdLock(root, holder.pid!);
      process.env.KFORGE_LOCK_WAIT = "0";
      const before = snapshot(join(root, "clusters"));
      const result = await runCli(["render"], root);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`^kforge render: another kforge render \\(pid ${holder.pid}\\) is writing this repository; waited 0 s .*KFORGE_LOCK_WAIT.*delete \\.kforge-cache/render\\.lock\\.\\n$`));
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(snapshot(join(root, "clusters"))).toEqual(before);
      // The other render's lock is not touched.
      expect(readFileSync(join(root, LOCK), "utf8")).toBe(`${holder.pid} ${hostname()}\n`);
    } finally {
      holder.kill();
    }
  });

  it("waits for a render that finishes within KFORGE_LOCK_WAIT", async () => {
    const root = repo();
    holdLock(root, process.ppid);
    process.env.KFORGE_LOCK_WAIT = "60";
    setTimeout(() => rmSync(join(root, LOCK)), 300);
    const result = await runCli(["render"], root);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(existsSync(join(root, "clusters/dev/rendered/web/deployment-web.yaml"))).toBe(true);
  });

  it("takes over the lock of a render that was killed", async () => {
    const root = repo();
    holdLock(root, deadPid());
    process.env.KFORGE_LOCK_WAIT = "0";
    const result = await runCli(["render"], root);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(existsSync(join(root, LOCK))).toBe(false);
  });

  it("two renders started together both finish, one after the other, and the tree is whole", async () => {
    const root = repo();
    const [a, b] = await Promise.all([runCli(["render", "--no-cache"], root), runCli(["render", "--no-cache"], root)]);
    expect([a.code, b.code, a.stderr, b.stderr]).toEqual([0, 0, "", ""]);
    expect(existsSync(join(root, LOCK))).toBe(false);
    expect((await runCli(["check"], root)).code).toBe(0);
  });

  it("keeps the lock in a cache folder that ignores itself in git and that check never reports", async () => {
    const root = repo();
    expect((await runCli(["render"], root)).code).toBe(0);
    expect(readFileSync(join(root, ".kforge-cache/.gitignore"), "utf8")).toBe("*\n");
    spawnSync("git", ["init", "-q"], { cwd: root });
    const status = spawnSync("git", ["status", "--porcelain", "--untracked-files=all"], { cwd: root, encoding: "utf8" });
    expect(status.stdout).not.toContain(".kforge-cache");
    const check = await runCli(["check"], root);
    expect(check.code).toBe(0);
    expect(check.stdout + check.stderr).not.toContain(".kforge-cache");
  });
});
