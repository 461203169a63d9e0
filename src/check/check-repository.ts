import { applicationSetFile, APPLICATIONSET_FILE } from "../gitops/applicationset.js";
import { expiredExemptions } from "../policy/apply-policy.js";
import type { Policy } from "../policy/policy.js";
import { discoverClusterFiles, discoverOrphanedTrees } from "../repo/discover-clusters.js";
import { compareTree } from "../tree/tree-changes.js";
import { runWorker } from "../workers/run-worker.js";
import { configuredThreads } from "../workers/thread-count.js";
import { checkShare, type ShareResult } from "./check-share.js";

/** Below this many clusters per share, starting a worker costs more than it saves. */
const CLUSTERS_PER_WORKER = 8;
const WORKER_URL = new URL("./check-worker.js", import.meta.url);

/**
 * `kforge check` of every cluster: shares of the clusters are checked in parallel, this thread
 * taking the first and a worker thread each of the others, and the results are merged in
 * cluster order, so the report does not depend on scheduling. The fleet ApplicationSet and
 * the policy's expired exemptions are checked here, once.
 *
 * One thread unless KFORGE_WORKERS asks for more (see thread-count.ts).
 */
export async function checkRepository(root: string, policy: Policy, today: string): Promise<ShareResult> {
  const clusterFiles = await discoverClusterFiles(root);
  const shares = split(clusterFiles, threadCount(clusterFiles.length));
  const results = await Promise.all(shares.map((share, index) => (index === 0 ? checkShare(root, share, policy, today) : checkInWorker(root, share, today))));
  const merged = merge(results);
  if (merged.inputProblems.length > 0) return merged;
  const fleet = applicationSetFile(merged.fleet);
  const planned = new Map(fleet === undefined ? [] : [[APPLICATIONSET_FILE, fleet]]);
  // Generated trees of clusters whose cluster.yaml is gone are still synced: they are stale.
  const tree = await compareTree(root, planned, discoverOrphanedTrees(root), [APPLICATIONSET_FILE]);
  if (fleet !== undefined) merged.files.push([APPLICATIONSET_FILE, fleet]);
  merged.changes.push(...tree.changes);
  merged.changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  merged.treeProblems.push(...tree.problems);
  merged.handWritten.push(...tree.handWritten);
  merged.findings.push(...expiredExemptions(policy, today));
  return merged;
}

function threadCount(clusters: number): number {
  const cores = configuredThreads();
  // Workers run the built JavaScript; from the TypeScript sources (tests) everything runs here.
  if (!import.meta.url.endsWith(".js")) return 1;
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

function merge(results: readonly ShareResult[]): ShareResult {
  const merged: ShareResult = { clusters: 0, inputProblems: [], files: [], fleet: [], changes: [], treeProblems: [], handWritten: [], findings: [], targets: [], exempted: 0, lintProblems: [] };
  for (const r of results) {
    merged.clusters += r.clusters;
    merged.exempted += r.exempted;
    for (const key of ["inputProblems", "files", "fleet", "changes", "treeProblems", "handWritten", "findings", "targets", "lintProblems"] as const) {
      (merged[key] as unknown[]).push(...(r[key] as unknown[]));
    }
  }
  return merged;
}
