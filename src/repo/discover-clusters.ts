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

/**
 * Folders under clusters/ that hold a generated tree (rendered/ or gitops/) but no cluster.yaml:
 * a cluster removed from the repository whose files Argo CD or Flux would still sync. Their
 * generated files are pruned by a full render and reported by check.
 */
export function discoverOrphanedTrees(root: string): string[] {
  let entries;
  try {
    entries = readdirSync(join(root, "clusters"), { withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    const dir = `clusters/${entry.name}`;
    if (lstatSync(join(root, dir, "cluster.yaml"), { throwIfNoEntry: false })?.isFile()) continue;
    for (const owned of ["rendered", "gitops"]) {
      if (lstatSync(join(root, dir, owned), { throwIfNoEntry: false })?.isDirectory()) found.push(`${dir}/${owned}`);
    }
  }
  return found.sort();
}
