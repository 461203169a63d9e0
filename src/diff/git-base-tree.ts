import { execFile, spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/** The folders a render reads (blueprints, clusters with their values) and lint reads (policies). */
export const SOURCE_FOLDERS = ["blueprints", "clusters", "policies"] as const;

/** The base revision cannot be used; the message says why and what to do (the CLI makes it a usage error). */
export class BaseRevisionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BaseRevisionError";
  }
}

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await execFileAsync("git", args, { cwd, maxBuffer: 256 * 1024 * 1024, encoding: "utf8" });
  return stdout;
}

/** The commit `ref` names, as a full SHA; a ref that does not exist is a usage error naming it. */
export async function resolveBaseCommit(root: string, ref: string): Promise<string> {
  // A leading dash would be read by git as an option.
  if (ref === "" || ref.startsWith("-")) throw new BaseRevisionError(`--base ${JSON.stringify(ref)}: not a git revision`);
  try {
    await git(root, ["rev-parse", "--is-inside-work-tree"]);
  } catch (error) {
    // git's own words matter here: "dubious ownership" in CI containers needs safe.directory.
    const said = String((error as { stderr?: unknown }).stderr ?? "").trim().split("\n")[0];
    throw new BaseRevisionError(`${root} is not in a git repository, or git cannot be run${said ? ` (git: ${said})` : ""}; kforge diff compares the working tree with a git revision`);
  }
  try {
    return (await git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`])).trim();
  } catch {
    throw new BaseRevisionError(
      `--base ${ref}: no such commit in this repository; check the name, or fetch it (\`git fetch origin <branch>\`; in CI, check out with enough history, e.g. fetch-depth: 0)`,
    );
  }
}

interface TreeEntry {
  mode: string;
  sha: string;
  path: string;
}

/**
 * Copies blueprints/, clusters/ and policies/ as they are at `commit` into a new temp folder,
 * reading blobs straight from the object database: no checkout, the working tree and index are
 * never touched. Folders missing at `commit` are simply absent. The caller removes the folder.
 */
export async function extractBaseTree(root: string, commit: string): Promise<string> {
  // ls-tree resolves the pathspecs and prints paths relative to `root`, so a kforge root in a
  // subfolder of the git repository works as well.
  const listing = await git(root, ["ls-tree", "-r", "-z", commit, "--", ...SOURCE_FOLDERS]);
  const entries: TreeEntry[] = [];
  for (const record of listing.split("\0")) {
    const tab = record.indexOf("\t");
    if (tab < 0) continue;
    const [mode, type, sha] = record.slice(0, tab).split(" ");
    if (type === "blob") entries.push({ mode, sha, path: record.slice(tab + 1) });
  }
  const blobs = await readBlobs(root, [...new Set(entries.map((e) => e.sha))]);
  const dir = await mkdtemp(join(tmpdir(), "kforge-diff-base-"));
  try {
    for (const entry of entries) {
      const target = join(dir, entry.path);
      await mkdir(dirname(target), { recursive: true });
      const content = blobs.get(entry.sha)!;
      if (entry.mode === "120000") await symlink(content.toString("utf8"), target);
      else await writeFile(target, content);
    }
  } catch (error) {
    await removeBaseTree(dir);
    throw error;
  }
  return dir;
}

export async function removeBaseTree(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Reads many blobs with one `git cat-file --batch` instead of one process per file. */
function readBlobs(root: string, shas: string[]): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    if (shas.length === 0) return resolve(new Map());
    const child = spawn("git", ["cat-file", "--batch"], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`git cat-file failed (${code}): ${stderr.trim()}`));
      try {
        resolve(parseBatch(Buffer.concat(chunks)));
      } catch (error) {
        reject(error);
      }
    });
    child.stdin.end(`${shas.join("\n")}\n`);
  });
}

/** `--batch` output: "<sha> <type> <size>\n<content>\n" per object. */
function parseBatch(out: Buffer): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(0x0a, at);
    const [sha, type, size] = out.subarray(at, eol).toString("utf8").split(" ");
    if (type !== "blob") throw new Error(`git cat-file: unexpected answer "${out.subarray(at, eol).toString("utf8")}"`);
    const start = eol + 1;
    blobs.set(sha, out.subarray(start, start + Number(size)));
    at = start + Number(size) + 1;
  }
  return blobs;
}
