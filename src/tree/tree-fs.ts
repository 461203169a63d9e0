import { mkdir, readdir, rename, rm, rmdir, unlink, writeFile } from "node:fs/promises";

/**
 * The file operations that change a cluster tree, in one object: tests replace one of them to
 * inject a fault (a full disk half-way through a render) that a real disk cannot be made to give.
 */
export const treeFs = { mkdir, readdir, rename, rm, rmdir, unlink, writeFile };
