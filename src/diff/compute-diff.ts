import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Finding } from "../lint/finding.js";
import { lintClusters } from "../lint/lint-clusters.js";
import { RULES } from "../lint/rules/index.js";
import { sortFindings } from "../lint/run-rules.js";
import { loadPolicies } from "../policy/load-policies.js";
import { gitPrefix } from "../repo/git-prefix.js";
import { renderClusters, type ClusterRender } from "../render/render-clusters.js";
import { discoverClusterFiles } from "../repo/discover-clusters.js";
import type { FleetMember } from "../gitops/applicationset.js";
import { APPLICATIONSET_FILE } from "../gitops/applicationset.js";
import { summarize, type ClusterDiff, type DiffResult, type FleetDiff, type LintDelta } from "./diff-result.js";
import { diffResources, refOf, type ResourceChanges } from "./diff-resources.js";
import { extractBaseTree, removeBaseTree, resolveBaseCommit } from "./git-base-tree.js";
import { fleetResources, gitopsResources } from "./gitops-resources.js";
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
  /** What the fleet ApplicationSet needs of it; absent when its cluster.yaml does not load. */
  fleet?: FleetMember;
  diagnostics: Diagnostic[];
}

/**
 * Renders and lints the base revision (extracted from git into a temp folder) and the working
 * tree, and compares them per cluster: rendered resources and the GitOps objects of gitops/,
 * then the fleet ApplicationSet. Throws BaseRevisionError when the base cannot be read.
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
    // The base is extracted outside the repository: its GitOps paths start where the working tree's do.
    const base = await renderBase(dir, options.cluster, gitPrefix(options.root));
    const clusters = compareClusters(base, head.clusters);
    const fleet = options.cluster ? skippedFleet() : compareFleet(base, head.fleet);
    const failed = new Set(clusters.filter((c) => c.state === "base-failed").map((c) => c.name));
    const lint = await lintBase(dir, base, options.today, options.base, headLint.findings, failed);
    return { ok: true, result: { base: { ref: options.base, commit }, clusters, fleet, lint, summary: summarize(clusters, lint, fleet) } };
  } finally {
    await removeBaseTree(dir);
  }
}

/** Each base cluster on its own, so a cluster that fails to render does not hide the others. */
async function renderBase(dir: string, only: string | undefined, repoPrefix: string): Promise<Map<string, BaseCluster>> {
  const clusters = new Map<string, BaseCluster>();
  for (const file of await discoverClusterFiles(dir)) {
    const name = file.split("/")[1];
    if (only && name !== only) continue;
    const render = await renderClusters(dir, name, undefined, { repoPrefix });
    const ok = render.diagnostics.length === 0 && render.clusters.length === 1;
    const fleet = render.fleet[0];
    clusters.set(name, ok ? { render: render.clusters[0], fleet, diagnostics: [] } : { fleet, diagnostics: render.diagnostics });
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
    if (!before) return { ...empty, state: "new", added: everything(after!).map(refOf) };
    if (!after) return { ...empty, state: "deleted", removed: everything(before.render!).map(refOf) };
    // Compared apart, so a release that renders an object like the GitOps wiring is never paired with it.
    const rendered = diffResources(before.render!.resources, after.resources);
    const gitops = diffResources(gitopsResources(before.render!.cluster), gitopsResources(after.cluster));
    return { name, state: "compared", ...joinChanges(rendered, gitops) };
  });
}

/** What reaches the cluster from its folder: the rendered tree and the gitops/ objects. */
function everything(render: ClusterRender) {
  return [...render.resources, ...gitopsResources(render.cluster)];
}

function joinChanges(a: ResourceChanges, b: ResourceChanges): ResourceChanges {
  return { added: [...a.added, ...b.added], removed: [...a.removed, ...b.removed], changed: [...a.changed, ...b.changed] };
}

/**
 * The fleet ApplicationSet as both sides write it. A base cluster whose cluster.yaml does not
 * load is left out on both sides (it is reported as not compared), so the rest still compares.
 */
function compareFleet(base: Map<string, BaseCluster>, head: readonly FleetMember[]): FleetDiff {
  const leftOut = [...base].filter(([, c]) => !c.fleet).map(([name]) => name);
  const before = [...base.values()].flatMap((c) => (c.fleet ? [c.fleet] : []));
  const after = head.filter((member) => !leftOut.includes(member.name));
  const changes = diffResources(fleetResources(before), fleetResources(after));
  return { file: APPLICATIONSET_FILE, state: "compared", ...changes, ...(leftOut.length > 0 ? { leftOut } : {}) };
}

/** With --cluster only one cluster is rendered, and the fleet file depends on all of them. */
function skippedFleet(): FleetDiff {
  return { file: APPLICATIONSET_FILE, state: "skipped", added: [], removed: [], changed: [] };
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
