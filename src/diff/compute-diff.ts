import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Finding } from "../lint/finding.js";
import { lintClusters } from "../lint/lint-clusters.js";
import { RULES } from "../lint/rules/index.js";
import { sortFindings } from "../lint/run-rules.js";
import { loadPolicies } from "../policy/load-policies.js";
import { renderClusters, type ClusterRender } from "../render/render-clusters.js";
import { discoverClusterFiles } from "../repo/discover-clusters.js";
import { summarize, type ClusterDiff, type DiffResult, type LintDelta } from "./diff-result.js";
import { diffResources, refOf } from "./diff-resources.js";
import { extractBaseTree, removeBaseTree, resolveBaseCommit } from "./git-base-tree.js";
import { lintDelta } from "./lint-delta.js";

export interface DiffOptions {
  root: string;
  /** Git revision to compare the working tree with. */
  base: string;
  /** Only this cluster (folder name under clusters/). */
  cluster?: string;
  /** YYYY-MM-DD, for policy exemption expiry on both sides. */
  today: string;
}

/** Either the diff, or why the working tree cannot be diffed (its render, policies or lint config fail). */
export type DiffRun = { ok: true; result: DiffResult } | { ok: false; stage: "render" | "policy" | "lint"; diagnostics: Diagnostic[] };

interface BaseCluster {
  render?: ClusterRender;
  diagnostics: Diagnostic[];
}

/**
 * Renders and lints the base revision (extracted from git into a temp folder) and the working
 * tree, and compares them per cluster. Throws BaseRevisionError when the base cannot be read.
 */
export async function computeDiff(options: DiffOptions): Promise<DiffRun> {
  const commit = await resolveBaseCommit(options.root, options.base);
  const head = await renderClusters(options.root, options.cluster);
  if (head.diagnostics.length > 0) return { ok: false, stage: "render", diagnostics: head.diagnostics };
  const { policy, diagnostics: policyProblems } = await loadPolicies(options.root);
  if (policyProblems.length > 0) return { ok: false, stage: "policy", diagnostics: policyProblems };
  const headLint = lintClusters(head.clusters, RULES, policy, options.today);
  if (headLint.diagnostics.length > 0) return { ok: false, stage: "lint", diagnostics: headLint.diagnostics };

  const dir = await extractBaseTree(options.root, commit);
  try {
    const base = await renderBase(dir, options.cluster);
    const clusters = compareClusters(base, head.clusters);
    const failed = new Set(clusters.filter((c) => c.state === "base-failed").map((c) => c.name));
    const lint = await lintBase(dir, base, options.today, options.base, headLint.findings, failed);
    return { ok: true, result: { base: { ref: options.base, commit }, clusters, lint, summary: summarize(clusters, lint) } };
  } finally {
    await removeBaseTree(dir);
  }
}

/** Each base cluster on its own, so a cluster that fails to render does not hide the others. */
async function renderBase(dir: string, only: string | undefined): Promise<Map<string, BaseCluster>> {
  const clusters = new Map<string, BaseCluster>();
  for (const file of await discoverClusterFiles(dir)) {
    const name = file.split("/")[1];
    if (only && name !== only) continue;
    const render = await renderClusters(dir, name);
    const ok = render.diagnostics.length === 0 && render.clusters.length === 1;
    clusters.set(name, ok ? { render: render.clusters[0], diagnostics: [] } : { diagnostics: render.diagnostics });
  }
  return clusters;
}

function compareClusters(base: Map<string, BaseCluster>, head: ClusterRender[]): ClusterDiff[] {
  const heads = new Map(head.map((c) => [c.cluster.name, c]));
  const names = [...new Set([...base.keys(), ...heads.keys()])].sort();
  return names.map((name): ClusterDiff => {
    const before = base.get(name);
    const after = heads.get(name);
    const empty = { name, added: [], removed: [], changed: [] };
    if (before && !before.render) return { ...empty, state: "base-failed", baseDiagnostics: before.diagnostics };
    if (!before) return { ...empty, state: "new", added: after!.resources.map(refOf) };
    if (!after) return { ...empty, state: "deleted", removed: before.render!.resources.map(refOf) };
    return { name, state: "compared", ...diffResources(before.render!.resources, after.resources) };
  });
}

/** Lints the base with the base's own policies; clusters whose base failed are left out on both sides. */
async function lintBase(dir: string, base: Map<string, BaseCluster>, today: string, ref: string, headFindings: Finding[], failed: Set<string>): Promise<LintDelta> {
  const { policy, diagnostics } = await loadPolicies(dir);
  if (diagnostics.length > 0) return { introduced: [], fixed: [], unavailable: `the policies at ${ref} do not load (${diagnostics[0].file}: ${diagnostics[0].message})` };
  const renders = [...base.values()].flatMap((c) => (c.render ? [c.render] : []));
  const run = lintClusters(renders, RULES, policy, today);
  if (run.diagnostics.length > 0) return { introduced: [], fixed: [], unavailable: `lint cannot run at ${ref} (${run.diagnostics[0].file}: ${run.diagnostics[0].message})` };
  const comparable = (f: Finding) => !f.cluster || !failed.has(f.cluster);
  const delta = lintDelta(run.findings.filter(comparable), headFindings.filter(comparable));
  return { introduced: sortFindings(delta.introduced), fixed: sortFindings(delta.fixed) };
}
