import fg from "fast-glob";

/** cluster.yaml files under clusters/, relative to root, sorted. */
export async function discoverClusterFiles(root: string): Promise<string[]> {
  const found = await fg("clusters/*/cluster.yaml", { cwd: root, onlyFiles: true, followSymbolicLinks: false });
  return found.sort();
}
