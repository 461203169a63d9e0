import { lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";

/**
 * cluster.yaml files under clusters/, relative to root, sorted: clusters/<name>/cluster.yaml
 * where <name> is a real folder (not a link, not hidden) and cluster.yaml a regular file.
 */
export async function discoverClusterFiles(root: string): Promise<string[]> {
  let entries;
  try {
    entries = readdirSync(join(root, "clusters"), { withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    const file = `clusters/${entry.name}/cluster.yaml`;
    if (lstatSync(join(root, file), { throwIfNoEntry: false })?.isFile()) found.push(file);
  }
  return found.sort();
}
