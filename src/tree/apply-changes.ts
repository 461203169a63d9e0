import { mkdir, readdir, rename, rm, rmdir, unlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { TreeChange } from "./tree-changes.js";

/**
 * Applies changes so that a failure leaves the tree as it was: every new content is first
 * written to a temporary file beside its target; only when all of them are written are they
 * renamed into place (a rename within a folder does not half-happen), then stale files go.
 */
export async function applyChanges(root: string, changes: readonly TreeChange[]): Promise<void> {
  const writes = changes.filter((c) => c.kind !== "delete");
  const staged: { temp: string; target: string }[] = [];
  const createdDirs: string[] = [];
  try {
    for (const change of writes) {
      const target = join(root, change.path);
      const created = await mkdir(dirname(target), { recursive: true });
      if (created) createdDirs.push(created);
      const temp = `${target}.kforge-${process.pid}.tmp`;
      staged.push({ temp, target });
      await writeFile(temp, change.after ?? "", { flag: "wx" });
    }
  } catch (error) {
    await Promise.all(staged.map((s) => rm(s.temp, { force: true })));
    for (const dir of createdDirs.reverse()) await rm(dir, { recursive: true, force: true });
    throw error;
  }
  for (const { temp, target } of staged) await rename(temp, target);
  for (const change of changes) {
    if (change.kind !== "delete") continue;
    await unlink(join(root, change.path));
    await removeEmptyParents(root, dirname(change.path));
  }
}

/** Removes folders left empty by deletions, up to (not including) the cluster folder. */
async function removeEmptyParents(root: string, dir: string): Promise<void> {
  while (dir.split("/").length > 2) {
    const entries = await readdir(join(root, dir)).catch(() => undefined);
    if (!entries || entries.length > 0) return;
    await rmdir(join(root, dir));
    dir = dirname(dir);
  }
}
