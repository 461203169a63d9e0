import { lstat, readFile } from "node:fs/promises";
import { join, resolve, sep } from "node:path";
import fg from "fast-glob";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { isGenerated } from "./file-header.js";

export type ChangeKind = "add" | "update" | "delete";

export interface TreeChange {
  kind: ChangeKind;
  /** Relative to the repository root. */
  path: string;
  /** Content on disk now (update, delete). */
  before?: string;
  /** Content to write (add, update). */
  after?: string;
}

export interface TreeComparison {
  changes: TreeChange[];
  /** Files without kforge's header inside folders kforge owns: never touched, reported. */
  handWritten: string[];
  /** Conflicts that forbid writing anything (unsafe paths, hand-written files in the way). */
  problems: Diagnostic[];
}

/**
 * Compares the planned files with the disk. Generated files that are no longer planned are to be
 * deleted; hand-written files are left alone; a planned path that is a symlink, passes through
 * one, leaves clusters/, or would overwrite a hand-written file is a problem.
 */
export async function compareTree(root: string, planned: ReadonlyMap<string, string>, ownedDirs: readonly string[], ownedFiles: readonly string[]): Promise<TreeComparison> {
  const result: TreeComparison = { changes: [], handWritten: [], problems: [] };
  const clustersDir = resolve(root, "clusters");
  const checkedDirs = new Map<string, string | undefined>();
  for (const [path, content] of [...planned].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const problem = await unsafePath(root, clustersDir, path, checkedDirs);
    if (problem) {
      result.problems.push({ code: "unsafe-path", file: path, line: 0, column: 0, message: problem, hint: "kforge only writes regular files inside clusters/<name>/" });
      continue;
    }
    const existing = await readIfExists(join(root, path));
    if (existing === undefined) result.changes.push({ kind: "add", path, after: content });
    else if (!isGenerated(existing)) {
      result.problems.push({ code: "unsafe-path", file: path, line: 1, column: 1, message: "this file was not written by kforge (it has no kforge header) and kforge needs to write here", hint: "move the file out of the generated folder, or delete it if it is stale" });
    } else if (existing !== content) result.changes.push({ kind: "update", path, before: existing, after: content });
  }
  const existingFiles = [
    ...(await fg(ownedDirs.map((d) => `${fg.escapePath(d)}/**/*`), { cwd: root, dot: true, onlyFiles: false, followSymbolicLinks: false, markDirectories: true })).filter((p) => !p.endsWith("/")),
    ...ownedFiles,
  ];
  for (const path of [...new Set(existingFiles)].sort()) {
    if (planned.has(path)) continue;
    const stat = await lstat(join(root, path)).catch(() => undefined);
    if (!stat) continue;
    const content = stat.isFile() ? await readFile(join(root, path), "utf8") : undefined;
    if (content !== undefined && isGenerated(content)) result.changes.push({ kind: "delete", path, before: content });
    else result.handWritten.push(path);
  }
  result.changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return result;
}

async function unsafePath(root: string, clustersDir: string, path: string, checkedDirs: Map<string, string | undefined>): Promise<string | undefined> {
  const absolute = resolve(root, path);
  if (!absolute.startsWith(clustersDir + sep) || path.split("/").some((part) => part === ".." || part === "")) {
    return `refusing to write ${path}: it is outside clusters/`;
  }
  // Every existing component from the repository root down must be a real folder or file.
  // Folders are shared by many files: each is examined once per run.
  const parts = path.split("/");
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join("/");
    const isDir = i < parts.length;
    if (isDir && checkedDirs.has(prefix)) {
      const known = checkedDirs.get(prefix);
      if (known === "missing") return undefined;
      if (known) return `refusing to write ${path}: ${known}`;
      continue;
    }
    const stat = await lstat(join(root, prefix)).catch(() => undefined);
    const verdict = !stat ? "missing" : stat.isSymbolicLink() ? `${prefix} is a symbolic link` : undefined;
    if (isDir) checkedDirs.set(prefix, verdict);
    if (verdict === "missing") return undefined;
    if (verdict) return `refusing to write ${path}: ${verdict}`;
  }
  return undefined;
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
