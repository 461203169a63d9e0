import { posix } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { FleetMember } from "../gitops/applicationset.js";
import type { Finding } from "../lint/finding.js";
import { lintClusterRenders } from "../lint/lint-clusters.js";
import { RULES } from "../lint/rules/index.js";
import type { Policy } from "../policy/policy.js";
import { RenderCache, trustedRenderCache } from "../render/render-cache.js";
import { renderClusters } from "../render/render-clusters.js";
import type { LintedTarget } from "../report/lint-report.js";
import { prefetchTree } from "../tree/prefetch-tree.js";
import { compareTree, type TreeChange } from "../tree/tree-changes.js";
import { LintCache } from "./lint-cache.js";
import { treeFindings } from "./tree-findings.js";

/** What checking some of a repository's clusters found: plain data, so a worker thread can send it. */
export interface ShareResult {
  /** Clusters rendered, compared and linted (those without input errors). */
  clusters: number;
  /** Problems in the input (cluster files, values, templates) of the clusters in `broken`. */
  inputProblems: Diagnostic[];
  /** Cluster files with input errors: neither compared nor linted. */
  broken: string[];
  /** Cluster files that could not be loaded: the fleet ApplicationSet cannot be judged without them. */
  unloaded: string[];
  /** Every file the render of the other clusters owns: path -> content. */
  files: [string, string][];
  fleet: FleetMember[];
  changes: TreeChange[];
  /** The changes and hand-written files as findings, at their lines, with the values line when known. */
  treeFindings: Finding[];
  treeProblems: Diagnostic[];
  findings: Finding[];
  targets: LintedTarget[];
  exempted: number;
  lintProblems: Diagnostic[];
}

/**
 * `kforge check` for some clusters: render in memory, compare with their committed folders, lint
 * each render. A cluster with an input error is reported and the others are still checked. The
 * fleet ApplicationSet and the policy's expired exemptions concern the whole repository and are
 * left to the caller.
 */
export async function checkShare(root: string, clusterFiles: readonly string[], policy: Policy, today: string): Promise<ShareResult> {
  // Releases an earlier `kforge render` stored unchanged come from its cache (read only), when
  // this machine wrote it: never in CI, never from files a commit brought.
  const trusted = trustedRenderCache(root);
  const cache = trusted ? new RenderCache(root, { readOnly: true }) : undefined;
  // The committed folders are read on another thread while this one renders and lints.
  const committed = prefetchTree(root, clusterFiles.flatMap((file) => [`${posix.dirname(file)}/rendered`, `${posix.dirname(file)}/gitops`]));
  const render = await renderClusters(root, clusterFiles, cache, { skipUnchangedTrees: false });
  // What each unchanged cluster's lint found last time, under the same conditions.
  const lintCache = trusted ? new LintCache(root, render.files, today) : undefined;
  const lint = lintClusterRenders(render.clusters, RULES, policy, today, lintCache);
  lintCache?.flush();
  const tree = await compareTree(root, render.files, render.ownedDirs, [], await committed());
  return {
    clusters: render.clusters.length,
    inputProblems: render.diagnostics,
    broken: render.broken,
    unloaded: render.unloaded,
    files: [...render.files],
    fleet: render.fleet,
    changes: tree.changes,
    treeFindings: treeFindings(tree.changes, tree.handWritten, render.clusters.flatMap((c) => c.resources)),
    treeProblems: tree.problems,
    findings: lint.findings,
    targets: lint.targets,
    exempted: lint.exempted,
    lintProblems: lint.diagnostics,
  };
}
