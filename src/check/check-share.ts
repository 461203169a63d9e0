import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { FleetMember } from "../gitops/applicationset.js";
import type { Finding } from "../lint/finding.js";
import { lintClusterRenders } from "../lint/lint-clusters.js";
import { RULES } from "../lint/rules/index.js";
import type { Policy } from "../policy/policy.js";
import { renderClusters } from "../render/render-clusters.js";
import type { LintedTarget } from "../report/lint-report.js";
import { compareTree, type TreeChange } from "../tree/tree-changes.js";

/** What checking some of a repository's clusters found: plain data, so a worker thread can send it. */
export interface ShareResult {
  clusters: number;
  /** Problems in the input (cluster files, values, templates): nothing was compared or linted. */
  inputProblems: Diagnostic[];
  /** Every file the render of these clusters owns: path -> content. */
  files: [string, string][];
  fleet: FleetMember[];
  changes: TreeChange[];
  treeProblems: Diagnostic[];
  handWritten: string[];
  findings: Finding[];
  targets: LintedTarget[];
  exempted: number;
  lintProblems: Diagnostic[];
}

/**
 * `kforge check` for some clusters: render in memory, compare with their committed folders, lint
 * each render. The fleet ApplicationSet and the policy's expired exemptions concern the whole
 * repository and are left to the caller.
 */
export async function checkShare(root: string, clusterFiles: readonly string[], policy: Policy, today: string): Promise<ShareResult> {
  const render = await renderClusters(root, clusterFiles);
  const result: ShareResult = {
    clusters: render.clusters.length,
    inputProblems: render.diagnostics,
    files: [...render.files],
    fleet: render.fleet,
    changes: [],
    treeProblems: [],
    handWritten: [],
    findings: [],
    targets: [],
    exempted: 0,
    lintProblems: [],
  };
  if (render.diagnostics.length > 0) return result;
  const tree = await compareTree(root, render.files, render.ownedDirs, []);
  const lint = lintClusterRenders(render.clusters, RULES, policy, today);
  return { ...result, changes: tree.changes, treeProblems: tree.problems, handWritten: tree.handWritten, findings: lint.findings, targets: lint.targets, exempted: lint.exempted, lintProblems: lint.diagnostics };
}
