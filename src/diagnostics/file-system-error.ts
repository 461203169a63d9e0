import { isAbsolute, relative } from "node:path";

/** What the operating system said, in words, and what the user can do about it. */
const KNOWN: Record<string, { says: string; todo: string }> = {
  ENOSPC: { says: "no space left on device", todo: "free space" },
  EDQUOT: { says: "disk quota exceeded", todo: "free space or raise the quota" },
  EACCES: { says: "permission denied", todo: "check the permissions of the file and its folder (and which user runs kforge)" },
  EPERM: { says: "operation not permitted", todo: "check the file's permissions and attributes (immutable, owned by another user)" },
  EROFS: { says: "read-only file system", todo: "run kforge on a writable checkout" },
  ENAMETOOLONG: { says: "file name too long", todo: "use a shorter path to the repository or shorter names" },
  EMFILE: { says: "too many open files", todo: "raise the open-file limit (ulimit -n)" },
  ENFILE: { says: "too many open files in the system", todo: "close other programs or raise the system's file limit" },
  EIO: { says: "input/output error", todo: "check the disk" },
  ENOTDIR: { says: "a part of the path is not a folder", todo: "move the file that is in the way" },
  EISDIR: { says: "it is a folder", todo: "move the folder that is in the way" },
  ELOOP: { says: "too many levels of symbolic links", todo: "remove the symbolic link loop" },
  EBUSY: { says: "resource busy", todo: "close the program that holds the file" },
  ETXTBSY: { says: "file busy", todo: "close the program that holds the file" },
  ENOENT: { says: "no such file or directory (it was removed while kforge ran?)", todo: "make sure nothing else changes the repository at the same time" },
};

/** Node's system-call names, as the verb of "cannot ...". */
const ACTIONS: Record<string, string> = {
  open: "open",
  read: "read",
  write: "write",
  mkdir: "create the folder",
  rename: "rename",
  unlink: "remove",
  rmdir: "remove the folder",
  rm: "remove",
  scandir: "list the folder",
  opendir: "list the folder",
  stat: "read",
  lstat: "read",
  copyfile: "copy",
  link: "create",
  symlink: "create",
};

export interface ErrnoError extends Error {
  code: string;
  syscall?: string;
  path?: string;
}

/** A fault of the file system (full disk, permissions, limits): the user's environment, not a bug in kforge. */
export function isFileSystemError(error: unknown): error is ErrnoError {
  return error instanceof Error && typeof (error as ErrnoError).code === "string" && Object.hasOwn(KNOWN, (error as ErrnoError).code);
}

/** "file name too long (ENAMETOOLONG)" and what to do, for a positioned input error; undefined for other errors. */
export function fileSystemReason(error: unknown): { reason: string; todo: string } | undefined {
  if (!isFileSystemError(error)) return undefined;
  const known = KNOWN[error.code];
  return { reason: `${known.says} (${error.code})`, todo: known.todo };
}

/**
 * Thrown when writing the tree failed; `restored` says whether the tree is as it was before.
 * Carries the path kforge was writing (the system error may name a temporary file).
 */
export class TreeWriteError extends Error {
  constructor(override readonly cause: ErrnoError, readonly path: string, readonly restored: boolean) {
    super(cause.message);
    this.name = "TreeWriteError";
  }
}

/**
 * One sentence for a fault: "cannot write clusters/x/a.yaml: no space left on device (ENOSPC);
 * free space and run kforge render again; nothing was changed". Paths are shown relative to `cwd`.
 */
export function describeFileSystemError(error: ErrnoError | TreeWriteError, command: string, cwd: string): string {
  const cause = error instanceof TreeWriteError ? error.cause : error;
  const known = KNOWN[cause.code] ?? { says: cause.message, todo: "fix the cause" };
  const action = error instanceof TreeWriteError ? "write" : (ACTIONS[cause.syscall ?? ""] ?? "access");
  const rawPath = error instanceof TreeWriteError ? error.path : cause.path;
  const where = rawPath ? ` ${shownPath(rawPath, cwd)}` : "";
  const outcome = error instanceof TreeWriteError ? (error.restored ? "; nothing was changed" : "; the tree may be half-written: run it again once the cause is fixed") : "";
  return `cannot ${action}${where}: ${known.says} (${cause.code}); ${known.todo} and run kforge ${command} again${outcome}`;
}

function shownPath(path: string, cwd: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}
