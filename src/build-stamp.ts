import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "./package-root.js";

let stamp: string | undefined;

/**
 * An identity of this kforge installation: the name, size and modification time of every file
 * of its code, validators, schemas and data. A rebuild or an upgrade changes it, so results
 * cached by one build are never served by another. Stats only: no file is read.
 */
export function buildStamp(): string {
  if (stamp === undefined) {
    const hash = createHash("sha256");
    // Run from the TypeScript sources (tests, development), the code is src/.
    const code = import.meta.url.endsWith(".ts") ? "src" : "dist";
    for (const dir of [code, "schemas/kubernetes", "data"]) statTree(join(PACKAGE_ROOT, dir), dir, hash);
    stamp = hash.digest("hex");
  }
  return stamp;
}

function statTree(absolute: string, relative: string, hash: ReturnType<typeof createHash>): void {
  let entries;
  try {
    entries = readdirSync(absolute, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(absolute, entry.name);
    if (entry.isDirectory()) statTree(path, `${relative}/${entry.name}`, hash);
    else if (entry.isFile()) {
      const stat = statSync(path);
      hash.update(`${relative}/${entry.name} ${stat.size} ${stat.mtimeMs}\0`);
    }
  }
}
