import { posix } from "node:path";
import { closestName } from "../diagnostics/closest-name.js";
import { discoverClusterFiles } from "../repo/discover-clusters.js";
import { UsageError } from "./cli-io.js";

/** `--cluster NAME`, repeatable, as `render`, `check` and `lint` take it. */
export const CLUSTER_FLAG = { cluster: { type: "string", multiple: true } } as const;

/**
 * The cluster files that `--cluster` names (undefined: every cluster). A name without a
 * clusters/<name>/cluster.yaml is a usage error that suggests the closest existing name.
 */
export async function selectClusters(root: string, names: readonly string[] | undefined): Promise<string[] | undefined> {
  if (!names || names.length === 0) return undefined;
  const files = await discoverClusterFiles(root);
  const known = files.map((file) => posix.basename(posix.dirname(file)));
  for (const name of names) {
    if (known.includes(name)) continue;
    const guess = closestName(name, known);
    const hint = guess ? ` (did you mean "${guess}"?)` : known.length > 0 ? `; clusters: ${known.join(", ")}` : "";
    throw new UsageError(`no cluster "${name}" (looked for clusters/${name}/cluster.yaml)${hint}`);
  }
  return files.filter((_, index) => names.includes(known[index]));
}
