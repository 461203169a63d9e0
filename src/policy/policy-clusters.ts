import { closestName } from "../diagnostics/closest-name.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Policy } from "./policy.js";

/**
 * Cluster names a policy file types (`spec.clusters.<name>`, an exemption's `cluster`) that are
 * no cluster of the repository: their settings would silently apply to nothing.
 */
export function unknownPolicyClusters(policy: Policy, clusters: readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (name: string, at: { file: string; line: number; column: number }, what: string) => {
    if (clusters.includes(name)) return;
    const guess = closestName(name, clusters);
    const listed = clusters.length > 0 ? `clusters: ${clusters.join(", ")}` : "the repository has no clusters";
    out.push({ ...at, code: "policy-schema", message: `${what} cluster \`${name}\`, which is not in clusters/${guess ? ` (did you mean \`${guess}\`?)` : ""}`, hint: `use a folder name under clusters/ (${listed}), or remove the entry` });
  };
  for (const [name, at] of policy.clusterAt) report(name, at, "settings for");
  for (const exemption of policy.exemptions) if (exemption.cluster !== undefined) report(exemption.cluster, exemption.at, "an exemption for");
  return out;
}
