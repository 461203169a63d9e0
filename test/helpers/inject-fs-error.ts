import { vi } from "vitest";
import type { ErrnoError } from "../../src/diagnostics/file-system-error.js";
import { treeFs } from "../../src/tree/tree-fs.js";

type TreeOp = keyof typeof treeFs;

const SYSCALLS: Record<TreeOp, string> = { mkdir: "mkdir", readdir: "scandir", rename: "rename", rm: "rm", rmdir: "rmdir", unlink: "unlink", writeFile: "open" };

/** An error shaped like the ones Node's fs gives: code, errno, syscall, path. */
export function errnoError(code: string, syscall: string, path: string): ErrnoError {
  return Object.assign(new Error(`${code}: injected fault, ${syscall} '${path}'`), { code, errno: -1, syscall, path });
}

/**
 * Makes the tree writer's `op` fail with `code`, from its (skip+1)-th call whose first path
 * argument matches `when`; every other call goes through to the real file system. Undone by
 * vi.restoreAllMocks().
 */
export function injectFsError(op: TreeOp, code: string, options: { skip?: number; when?: (path: string) => boolean } = {}): { calls: () => number } {
  const real = treeFs[op] as (...args: unknown[]) => Promise<unknown>;
  let matching = 0;
  let failed = 0;
  vi.spyOn(treeFs, op).mockImplementation((async (...args: unknown[]) => {
    const path = String(args[0]);
    if (!options.when || options.when(path)) {
      if (matching++ >= (options.skip ?? 0)) {
        failed++;
        throw errnoError(code, SYSCALLS[op], path);
      }
    }
    return real(...args);
  }) as never);
  return { calls: () => failed };
}
