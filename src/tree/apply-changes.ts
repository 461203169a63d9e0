import { dirname, join } from "node:path";
import { TreeWriteError, type ErrnoError } from "../diagnostics/file-system-error.js";
import { asideName, tempName } from "./temp-files.js";
import { treeFs as fs } from "./tree-fs.js";
import type { TreeChange } from "./tree-changes.js";

/**
 * Applies changes so that a failure leaves the tree as it was. Every new content is first written
 * to a temporary file beside its target (a full disk fails here, before anything changed); then
 * files to be replaced or deleted are renamed aside and the new ones renamed into place (renames
 * need no space); only then are the old ones removed. If a step fails, what was done is undone in
 * reverse and a TreeWriteError says whether the tree is as before.
 */
export async function applyChanges(root: string, changes: readonly TreeChange[]): Promise<void> {
  const undo: (() => Promise<unknown>)[] = [];
  const writes = changes.filter((c) => c.kind !== "delete");
  const staged: { temp: string; target: string }[] = [];
  let current = "";
  try {
    for (const change of writes) {
      const target = join(root, change.path);
      current = target;
      const created = await fs.mkdir(dirname(target), { recursive: true });
      if (created) undo.push(() => fs.rm(created, { recursive: true, force: true }));
      const temp = tempName(target);
      undo.push(() => fs.rm(temp, { force: true }));
      await fs.writeFile(temp, change.after ?? "", { flag: "wx" });
      staged.push({ temp, target });
    }
    // Old files aside (update, delete, and a stale temporary file removed like any stale file).
    const aside: string[] = [];
    for (const change of changes) {
      if (change.kind === "add") continue;
      const target = join(root, change.path);
      current = target;
      await fs.rename(target, asideName(target));
      undo.push(() => fs.rename(asideName(target), target));
      aside.push(asideName(target));
    }
    for (const { temp, target } of staged) {
      current = target;
      await fs.rename(temp, target);
      undo.push(() => fs.rm(target, { force: true }));
    }
    await finish(root, changes, aside);
  } catch (error) {
    throw new TreeWriteError(error as ErrnoError, current, await rollBack(undo));
  }
}

/** Undoes the steps done so far, newest first; false when one of them failed too. */
async function rollBack(undo: (() => Promise<unknown>)[]): Promise<boolean> {
  let restored = true;
  for (const step of undo.reverse()) {
    await step().catch(() => {
      restored = false;
    });
  }
  return restored;
}

/**
 * The new tree is in place: the old files go, and folders left empty. A failure here leaves only
 * temporary files, which the next render removes; the tree itself is complete.
 */
async function finish(root: string, changes: readonly TreeChange[], aside: string[]): Promise<void> {
  for (const file of aside) await fs.unlink(file).catch(() => undefined);
  for (const change of changes) {
    if (change.kind === "delete") await removeEmptyParents(root, dirname(change.path)).catch(() => undefined);
  }
}

/** Removes folders left empty by deletions, up to (not including) the cluster folder. */
async function removeEmptyParents(root: string, dir: string): Promise<void> {
  while (dir.split("/").length > 2) {
    const entries = await fs.readdir(join(root, dir)).catch(() => undefined);
    if (!entries || entries.length > 0) return;
    await fs.rmdir(join(root, dir));
    dir = dirname(dir);
  }
}
