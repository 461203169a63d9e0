import { constants, type Stats } from "node:fs";
import { open, stat } from "node:fs/promises";
import { UsageError } from "../cli/cli-io.js";

/**
 * Reads an `--input` file whole, refusing what is not a regular file of at most `maxBytes`.
 * A FIFO would block the job forever, /dev/zero would never end, a directory is a mistake; the
 * size is checked before reading, on the opened file itself (so a swap between the check and
 * the read cannot sneak in something else), and reading stops at the cap should it grow.
 */
export async function readInputFile(path: string, label: string, maxBytes: number): Promise<string> {
  const before = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`${label}: ${cannotOpen(error)}`);
  });
  refuseOdd(before, label, maxBytes);
  // O_NONBLOCK: should a FIFO appear in its place after the check, opening does not wait for a writer.
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`${label}: ${cannotOpen(error)}`);
  });
  try {
    refuseOdd(await handle.stat(), label, maxBytes);
    const buffer = Buffer.alloc(Math.min(maxBytes, before.size) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw new UsageError(`${label}: grew past ${maxBytes} bytes while being read`);
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(buffer.subarray(0, length));
    } catch {
      throw new UsageError(`${label}: not UTF-8 text; give the JSON file that kforge check or kforge diff wrote`);
    }
  } finally {
    await handle.close();
  }
}

function refuseOdd(info: Stats, label: string, maxBytes: number): void {
  if (!info.isFile()) throw new UsageError(`${label}: is ${kindOf(info)}, not a regular file; give the JSON file that kforge check or kforge diff wrote`);
  if (info.size > maxBytes) throw new UsageError(`${label}: ${info.size} bytes is more than a kforge report can be (${maxBytes})`);
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return "a directory";
  if (info.isFIFO()) return "a named pipe (FIFO)";
  if (info.isCharacterDevice()) return "a character device";
  if (info.isBlockDevice()) return "a block device";
  if (info.isSocket()) return "a socket";
  return "a special file";
}

function cannotOpen(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case "ENOENT":
    case "ENOTDIR":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "cannot be read (permission denied)";
    case "ELOOP":
      return "is a symbolic link loop";
    case "ENAMETOOLONG":
      return "the path is too long";
    default:
      return `cannot be opened (${error.code ?? error.message})`;
  }
}
