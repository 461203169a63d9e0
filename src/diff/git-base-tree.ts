import { execFile, spawn } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

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
 * Copies every file tracked under the kforge root at `commit` into a new temp folder, reading
 * blobs straight from the object database: no checkout, the working tree and index are never
 * touched. The whole tree, not chosen folders: a release may take its values from anywhere in
 * the repository (`valuesFile: ../../common/web.yaml`), and the base must render from exactly
 * what its own clusters read. The caller removes the folder.
 */
export async function extractBaseTree(root: string, commit: string): Promise<string> {
  // Run in `root`, ls-tree lists only what is under it, with paths relative to it, so a kforge
  // root in a subfolder of the git repository works as well. Submodules (commits) are skipped.
  const listing = await git(root, ["ls-tree", "-r", "-z", commit]);
  const entries = new Map<string, TreeEntry[]>();
  for (const record of listing.split("\0")) {
    const tab = record.indexOf("\t");
    if (tab < 0) continue;
    const [mode, type, sha] = record.slice(0, tab).split(" ");
    if (type === "blob") entries.set(sha, [...(entries.get(sha) ?? []), { mode, sha, path: record.slice(tab + 1) }]);
  }
  const dir = await mkdtemp(join(tmpdir(), "kforge-diff-base-"));
  try {
    await writeBlobs(root, entries, dir);
  } catch (error) {
    await removeBaseTree(dir);
    throw error;
  }
  return dir;
}

export async function removeBaseTree(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/**
 * Reads the blobs with one `git cat-file --batch` and writes each where the tree has it, as it
 * arrives: memory holds one blob at a time, however large the tree.
 */
function writeBlobs(root: string, entries: Map<string, TreeEntry[]>, dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (entries.size === 0) return resolve();
    const child = spawn("git", ["cat-file", "--batch"], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
    const parser = new BatchParser((sha, content) => {
      for (const entry of entries.get(sha) ?? []) {
        const target = join(dir, entry.path);
        mkdirSync(dirname(target), { recursive: true });
        if (entry.mode === "120000") symlinkSync(content.toString("utf8"), target);
        else writeFileSync(target, content);
      }
    });
    let stderr = "";
    let failed: unknown;
    child.stdout.on("data", (chunk: Buffer) => {
      if (failed) return;
      try {
        parser.push(chunk);
      } catch (error) {
        failed = error;
        child.kill();
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (failed) return reject(failed);
      if (code !== 0) return reject(new Error(`git cat-file failed (${code}): ${stderr.trim()}`));
      if (parser.received !== entries.size) return reject(new Error(`git cat-file: ${parser.received} of ${entries.size} blobs received`));
      resolve();
    });
    child.stdin.end(`${[...entries.keys()].join("\n")}\n`);
  });
}

/**
 * Splits `--batch` output ("<sha> <type> <size>\n<content>\n" per object) across chunk
 * boundaries. Chunks are kept in a list and joined once per blob, so a large blob is not copied
 * again with every chunk.
 */
export class BatchParser {
  received = 0;
  private chunks: Buffer[] = [];
  private length = 0;
  private blob?: { sha: string; size: number };

  constructor(private readonly onBlob: (sha: string, content: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
    for (;;) {
      if (!this.blob) {
        if (!chunk.includes(0x0a) && this.chunks.length > 1) return;
        const pending = this.take();
        const eol = pending.indexOf(0x0a);
        if (eol < 0) return this.keep(pending);
        const header = pending.subarray(0, eol).toString("utf8");
        const [sha, type, size] = header.split(" ");
        if (type !== "blob") throw new Error(`git cat-file: unexpected answer "${header}"`);
        this.blob = { sha, size: Number(size) };
        this.keep(pending.subarray(eol + 1));
      }
      // The content and the newline that ends it.
      if (this.length < this.blob.size + 1) return;
      const pending = this.take();
      this.onBlob(this.blob.sha, pending.subarray(0, this.blob.size));
      this.keep(pending.subarray(this.blob.size + 1));
      this.blob = undefined;
      this.received++;
      chunk = this.chunks[0] ?? Buffer.alloc(0);
    }
  }

  private take(): Buffer {
    return this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.length);
  }

  private keep(rest: Buffer): void {
    this.chunks = rest.length > 0 ? [rest] : [];
    this.length = rest.length;
  }
}
