import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { UsageError } from "./cli-io.js";

/**
 * The repository root: --root when given, else the nearest folder from the working directory
 * upwards that has a clusters/ folder.
 */
export function resolveRoot(cwd: string, flag: string | undefined): string {
  if (flag) {
    const root = resolve(cwd, flag);
    if (!existsSync(join(root, "clusters"))) throw new UsageError(`--root ${flag}: no clusters/ folder there`);
    return root;
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "clusters"))) return dir;
    if (dirname(dir) === dir) throw new UsageError("no clusters/ folder here or in any parent folder; run kforge from a kforge repository or pass --root");
  }
}
