import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { link, mkdir, readdir, readFile, rmdir, unlink, writeFile } from "node:fs/promises";
import { CACHE_DIR } from "./render-cache.js";

/** Under the cache folder: never in git, never inside a cluster's folders. */
export const LOCK_FILE = "render.lock";
const POLL_MS = 100;

/** Another render holds the lock and did not let go in time. */
export class RenderLockedError extends Error {
  constructor(readonly holder: string, readonly lockPath: string, readonly waited: number) {
    super(`another kforge render (${holder}) is writing this repository; waited ${waited} s for it to finish`);
    this.name = "RenderLockedError";
  }
}

export interface RenderLock {
  release(): Promise<void>;
}

/**
 * Takes `.kforge-cache/render.lock` so that two renders never write one tree at once. The lock
 * holds the owner's pid and host; a lock whose process is gone (a killed render) is taken over.
 * A held lock is waited for up to `waitSeconds`, then refused.
 */
export async function acquireRenderLock(root: string, waitSeconds: number): Promise<RenderLock> {
  try {
    return await takeLock(root, waitSeconds);
  } catch (error) {
    // A checkout where not even the lock can be written (read-only, full, not ours) cannot be
    // written by another render either; a render with nothing to change still succeeds there,
    // and one that has changes reports the fault when it writes them.
    if (UNWRITABLE.has((error as NodeJS.ErrnoException).code ?? "")) return { release: async () => undefined };
    throw error;
  }
}

const UNWRITABLE = new Set(["EROFS", "EACCES", "EPERM", "ENOSPC", "EDQUOT"]);

async function takeLock(root: string, waitSeconds: number): Promise<RenderLock> {
  const dir = join(root, CACHE_DIR);
  const created = await mkdir(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const mine = `${process.pid} ${hostname()}\n`;
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    // Again each time: a render that just finished may have removed the folder it had made.
    await mkdir(dir, { recursive: true });
    if (await tryCreate(path, mine)) {
      await ignoreInGit(dir);
      return { release: () => releaseIf(path, mine, created ? dir : undefined) };
    }
    const holder = await readFile(path, "utf8").catch(() => undefined);
    if (holder !== undefined && isStale(holder)) {
      // Only the lock just read is removed: another render may have taken over meanwhile.
      if ((await readFile(path, "utf8").catch(() => undefined)) === holder) await unlink(path).catch(() => undefined);
      continue;
    }
    if (holder !== undefined && Date.now() >= deadline) throw new RenderLockedError(describeHolder(holder), path, waitSeconds);
    // Held, or released just now (holder undefined): look again shortly.
    await new Promise((resolve) => setTimeout(resolve, holder === undefined ? 10 : POLL_MS));
  }
}

/** The cache folder ignores itself, so it never reaches git even without a .gitignore entry. */
async function ignoreInGit(dir: string): Promise<void> {
  await writeFile(join(dir, ".gitignore"), "*\n", { flag: "wx" }).catch(() => undefined);
}

/** Seconds to wait for another render: KFORGE_LOCK_WAIT, default 10. */
export function lockWaitSeconds(): number {
  const configured = Number(process.env.KFORGE_LOCK_WAIT);
  return process.env.KFORGE_LOCK_WAIT !== undefined && process.env.KFORGE_LOCK_WAIT !== "" && Number.isFinite(configured) && configured >= 0 ? configured : 10;
}

/** Writes the whole lock under a private name, then links it in: no one ever reads half a lock. */
async function tryCreate(path: string, content: string): Promise<boolean> {
  // Unique per call: two renders in one process (tests, a library user) must not share it.
  const temp = `${path}.${process.pid}-${randomUUID()}`;
  try {
    await writeFile(temp, content);
    await link(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // EEXIST: held; ENOENT: the folder went away meanwhile (the caller makes it again).
    if (code === "EEXIST" || code === "ENOENT") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS") throw error;
    // A file system without hard links: create the lock in place (a reader may see it empty).
    return writeFile(path, content, { flag: "wx" }).then(
      () => true,
      (e: NodeJS.ErrnoException) => (e.code === "EEXIST" ? false : Promise.reject(e)),
    );
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** Removes the lock if still ours, and the cache folder if this render made it and left it empty. */
async function releaseIf(path: string, mine: string, createdDir: string | undefined): Promise<void> {
  if ((await readFile(path, "utf8").catch(() => undefined)) === mine) await unlink(path).catch(() => undefined);
  // A render that failed leaves nothing behind, not even an empty cache folder.
  // Never recursively: another render may be creating its lock in it right now.
  if (createdDir && (await readdir(createdDir).catch(() => [])).every((entry) => entry === ".gitignore")) {
    await unlink(join(createdDir, ".gitignore")).catch(() => undefined);
    await rmdir(createdDir).catch(() => undefined);
  }
  // If another render took the folder over meanwhile, it stays ignored.
  if (existsSync(dirname(path))) await ignoreInGit(dirname(path));
}

/** A lock of this host whose process no longer runs; a lock of another host is never guessed at. */
function isStale(holder: string): boolean {
  // Still being written (see tryCreate), or damaged: not taken over, the message names the file.
  if (!holder.endsWith("\n")) return false;
  const [pidText, host] = holder.trim().split(" ");
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return true;
  if (host !== undefined && host !== hostname()) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

function describeHolder(holder: string): string {
  const [pid, host] = holder.trim().split(" ");
  if (!pid) return "unknown pid: the lock file is empty";
  return host && host !== hostname() ? `pid ${pid} on ${host}` : `pid ${pid}`;
}
