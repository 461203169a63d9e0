import { applicationSetFile, APPLICATIONSET_FILE } from "../gitops/applicationset.js";
import { expiredExemptions } from "../policy/apply-policy.js";
import type { Policy } from "../policy/policy.js";
import { discoverClusterFiles, discoverOrphanedTrees } from "../repo/discover-clusters.js";
import { compareTree } from "../tree/tree-changes.js";
import { runWorker } from "../workers/run-worker.js";
import { configuredThreads } from "../workers/thread-count.js";
import { checkShare, type ShareResult } from "./check-share.js";
import { treeFindings } from "./tree-findings.js";
import { packageUrl } from "../package-root.js";

/** Below this many clusters per share, starting a worker costs more than it saves. */
const CLUSTERS_PER_WORKER = 8;
const WORKER_URL = packageUrl("dist/check/check-worker.js");

/**
 * `kforge check` of every cluster (or of the cluster files in `only`): shares of the clusters
 * are checked in parallel, this thread taking the first and a worker thread each of the others,
 * and the results are merged in cluster order, so the report does not depend on scheduling.
 * The fleet ApplicationSet and the policy's expired exemptions are checked here, once, and only
 * for the whole repository: the ApplicationSet only when every cluster could be loaded.
 *
 * One thread unless KFORGE_WORKERS asks for more (see thread-count.ts).
 */
export async function checkRepository(root: string, policy: Policy, today: string, only?: readonly string[]): Promise<ShareResult> {
  const clusterFiles = only ? [...only] : await discoverClusterFiles(root);
  const shares = split(clusterFiles, threadCount(clusterFiles.length));
  const results = await Promise.all(shares.map((share, index) => (index === 0 ? checkShare(root, share, policy, today) : checkInWorker(root, share, today))));
  const merged = merge(results);
  if (only) return merged;
  merged.findings.push(...expiredExemptions(policy, today));
  // The fleet ApplicationSet lists every cluster: it cannot be judged while a cluster file does not load.
  const judgeFleet = merged.unloaded.length === 0;
  const fleet = judgeFleet ? applicationSetFile(merged.fleet) : undefined;
  const planned = new Map(fleet === undefined ? [] : [[APPLICATIONSET_FILE, fleet]]);
  // Generated trees of clusters whose cluster.yaml is gone are still synced: they are stale.
  const tree = await compareTree(root, planned, discoverOrphanedTrees(root), judgeFleet ? [APPLICATIONSET_FILE] : []);
  if (fleet !== undefined) merged.files.push([APPLICATIONSET_FILE, fleet]);
  merged.changes.push(...tree.changes);
  merged.changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  merged.treeFindings.push(...treeFindings(tree.changes, tree.handWritten, []));
  merged.treeProblems.push(...tree.problems);
  return merged;
}

function threadCount(clusters: number): number {
  const cores = configuredThreads();
  // Workers run the built JavaScript; from the TypeScript sources (tests) everything runs here.
  if (import.meta.url.endsWith(".ts")) return 1;
  return Math.max(1, Math.min(cores, Math.floor(clusters / CLUSTERS_PER_WORKER)));
}

/** `count` contiguous shares of about equal size, in order. */
function split<T>(items: readonly T[], count: number): T[][] {
  const shares: T[][] = [];
  for (let i = 0; i < count; i++) shares.push(items.slice(Math.round((i * items.length) / count), Math.round(((i + 1) * items.length) / count)));
  return shares;
}

function checkInWorker(root: string, clusterFiles: string[], today: string): Promise<ShareResult> {
  return runWorker<ShareResult>(WORKER_URL, { root, clusterFiles, today });
}

const LISTS = ["inputProblems", "broken", "unloaded", "files", "fleet", "changes", "treeFindings", "treeProblems", "findings", "targets", "lintProblems"] as const;

function merge(results: readonly ShareResult[]): ShareResult {
  const merged: ShareResult = { clusters: 0, exempted: 0, inputProblems: [], broken: [], unloaded: [], files: [], fleet: [], changes: [], treeFindings: [], treeProblems: [], findings: [], targets: [], lintProblems: [] };
  for (const r of results) {
    merged.clusters += r.clusters;
    merged.exempted += r.exempted;
    for (const key of LISTS) (merged[key] as unknown[]).push(...(r[key] as unknown[]));
  }
  return merged;
}
