import { readdirSync, readFileSync } from "node:fs";
import { join, posix, resolve, sep } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { isGenerated } from "./file-header.js";
import { TEMP_FILE } from "./temp-files.js";
import { lstatType, type EntryType, type TreeSnapshot } from "./tree-snapshot.js";

export type ChangeKind = "add" | "update" | "delete";

export interface TreeChange {
  kind: ChangeKind;
  /** Relative to the repository root. */
  path: string;
  /** Content on disk now (update, delete). */
  before?: string;
  /** Content to write (add, update). */
  after?: string;
  /** Set for a temporary file that a killed render left behind: removed, whatever it holds. */
  leftover?: true;
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
 * one, leaves clusters/, or would overwrite a hand-written file is a problem. The owned folders
 * are listed once (one directory read each) rather than examined file by file. A `snapshot` read
 * earlier (prefetch-tree.ts) supplies the listings and files of the folders it holds.
 */
export async function compareTree(root: string, planned: ReadonlyMap<string, string>, ownedDirs: readonly string[], ownedFiles: readonly string[], snapshot?: TreeSnapshot): Promise<TreeComparison> {
  const result: TreeComparison = { changes: [], handWritten: [], problems: [] };
  const listing = await listOwned(root, ownedDirs, ownedFiles, snapshot);
  const read = (path: string) => snapshot?.contents.get(path) ?? readFileSync(join(root, path), "utf8");
  const outside = new Map<string, EntryType | undefined>();
  const typeOf = (path: string): EntryType | undefined => {
    if (listing.has(path)) return listing.get(path);
    if (!outside.has(path)) outside.set(path, lstatType(join(root, path)));
    return outside.get(path);
  };
  const clustersDir = resolve(root, "clusters");
  for (const [path, content] of [...planned].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const problem = unsafePath(root, clustersDir, path, typeOf);
    if (problem) {
      result.problems.push({ code: "unsafe-path", file: path, line: 0, column: 0, message: problem, hint: "kforge only writes regular files inside clusters/<name>/" });
      continue;
    }
    if (typeOf(path) === undefined) {
      result.changes.push({ kind: "add", path, after: content });
      continue;
    }
    const existing = read(path);
    if (!isGenerated(existing)) {
      result.problems.push({ code: "unsafe-path", file: path, line: 1, column: 1, message: "this file was not written by kforge (it has no kforge header) and kforge needs to write here", hint: "move the file out of the generated folder, or delete it if it is stale" });
    } else if (existing !== content) result.changes.push({ kind: "update", path, before: existing, after: content });
  }
  for (const [path, type] of [...listing].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (planned.has(path) || type === "dir") continue;
    const content = type === "file" ? read(path) : undefined;
    // A killed render's temporary file may be cut short before its header: it is not hand-written.
    if (content !== undefined && TEMP_FILE.test(path)) result.changes.push({ kind: "delete", path, before: content, leftover: true });
    else
    if (content !== undefined && isGenerated(content)) result.changes.push({ kind: "delete", path, before: content });
    else result.handWritten.push(path);
  }
  result.changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return result;
}

/** Every entry under the owned folders (not following links), and the owned files that exist. */
async function listOwned(root: string, ownedDirs: readonly string[], ownedFiles: readonly string[], snapshot: TreeSnapshot | undefined): Promise<Map<string, EntryType>> {
  const listing = new Map<string, EntryType>();
  const unread = ownedDirs.filter((dir) => {
    const entries = snapshot?.listings.get(dir);
    for (const [path, type] of entries ?? []) listing.set(path, type);
    return entries === undefined;
  });
  // A folder that is itself a link is not listed through: unsafePath reports it.
  const realDirs = unread.filter((dir) => lstatType(join(root, dir)) === "dir");
  const walk = (dir: string) => {
    listing.set(dir, "dir");
    for (const d of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${d.name}`;
      if (d.isDirectory()) walk(path);
      else listing.set(path, d.isSymbolicLink() ? "symlink" : d.isFile() ? "file" : "other");
    }
  };
  for (const dir of realDirs) walk(dir);
  for (const file of ownedFiles) {
    const type = lstatType(join(root, file));
    if (type) listing.set(file, type);
    // An owned file outside the owned folders (the fleet ApplicationSet) may have a killed render's temporary file beside it.
    const dir = posix.dirname(file);
    const base = posix.basename(file);
    for (const name of readdirSafe(join(root, dir))) {
      if (name.startsWith(`${base}.`) && TEMP_FILE.test(name)) listing.set(`${dir}/${name}`, lstatType(join(root, dir, name)) ?? "other");
    }
  }
  return listing;
}

function unsafePath(root: string, clustersDir: string, path: string, typeOf: (path: string) => EntryType | undefined): string | undefined {
  const absolute = resolve(root, path);
  if (!absolute.startsWith(clustersDir + sep) || path.split("/").some((part) => part === ".." || part === "" || part === ".")) {
    return `refusing to write ${path}: it is outside clusters/`;
  }
  // Every existing component from the repository root down must be a real folder, and the
  // target itself a regular file or nothing.
  const parts = path.split("/");
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join("/");
    const type = typeOf(prefix);
    if (type === undefined) return undefined;
    if (type === "symlink") return `refusing to write ${path}: ${prefix} is a symbolic link`;
    if (i < parts.length && type !== "dir") return `refusing to write ${path}: ${prefix} is not a folder`;
    if (i === parts.length && type !== "file") return `refusing to write ${path}: it exists and is not a regular file`;
  }
  return undefined;
}

function readdirSafe(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}
