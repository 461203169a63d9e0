import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

let id: string | undefined;

/**
 * A fingerprint of the renderer's own code (this folder), so cached renders are dropped when
 * kforge changes, even between releases with the same version number.
 */
export function rendererId(): string {
  if (!id) {
    const dir = fileURLToPath(new URL(".", import.meta.url));
    const hash = createHash("sha256");
    for (const name of readdirSync(dir).sort()) {
      if (/\.(c?js|ts)$/.test(name)) hash.update(name).update(readFileSync(`${dir}${name}`));
    }
    id = hash.digest("hex");
  }
  return id;
}
