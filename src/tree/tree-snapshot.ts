import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type EntryType = "file" | "dir" | "symlink" | "other";

/**
 * What some folders of the repository hold, read in one pass: every entry under each folder (not
 * following links) and the text of every regular file. Plain data, so a worker thread can send it.
 */
export interface TreeSnapshot {
  /** Folder (relative to the root) -> its entries below it, the folder itself first. Folders that are not real folders are absent. */
  listings: Map<string, [string, EntryType][]>;
  /** Relative path -> content, for every regular file in the listings. */
  contents: Map<string, string>;
}

/** Reads `dirs` (relative to `root`): a folder that is missing or is a link is left out, for the caller to judge. */
export function readTreeSnapshot(root: string, dirs: readonly string[]): TreeSnapshot {
  const snapshot: TreeSnapshot = { listings: new Map(), contents: new Map() };
  for (const dir of dirs) {
    if (snapshot.listings.has(dir) || lstatType(join(root, dir)) !== "dir") continue;
    const entries: [string, EntryType][] = [];
    const walk = (folder: string) => {
      entries.push([folder, "dir"]);
      for (const d of readdirSync(join(root, folder), { withFileTypes: true })) {
        const path = `${folder}/${d.name}`;
        if (d.isDirectory()) walk(path);
        else {
          const type: EntryType = d.isSymbolicLink() ? "symlink" : d.isFile() ? "file" : "other";
          entries.push([path, type]);
          if (type === "file") snapshot.contents.set(path, readFileSync(join(root, path), "utf8"));
        }
      }
    };
    try {
      walk(dir);
    } catch {
      // Changed while being read: the comparison reads this folder itself.
      for (const [path] of entries) snapshot.contents.delete(path);
      continue;
    }
    snapshot.listings.set(dir, entries);
  }
  return snapshot;
}

/** The type of what is at `path`, not following a link; undefined when nothing is there. */
export function lstatType(path: string): EntryType | undefined {
  try {
    const stat = lstatSync(path);
    return stat.isSymbolicLink() ? "symlink" : stat.isDirectory() ? "dir" : stat.isFile() ? "file" : "other";
  } catch {
    return undefined;
  }
}
