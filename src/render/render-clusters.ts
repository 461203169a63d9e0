import { join, posix } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { applicationSetFile, APPLICATIONSET_FILE, type FleetMember } from "../gitops/applicationset.js";
import { gitopsFiles } from "../gitops/gitops-files.js";
import type { Blueprint } from "../repo/blueprint.js";
import { readBlueprintSources, type BlueprintSources } from "../repo/blueprint-sources.js";
import type { Cluster } from "../repo/cluster.js";
import { gitPrefix } from "../repo/git-prefix.js";
import { discoverClusterFiles, discoverOrphanedTrees } from "../repo/discover-clusters.js";
import type { ReleaseOutput } from "../tree/plan-cluster-tree.js";
import { satisfiesRange } from "./kube-version.js";
import type { RenderedResource } from "./rendered-resource.js";
import { emitManifest } from "./emit-yaml.js";
import { RenderCache } from "./render-cache.js";
import { rendererId } from "./renderer-id.js";
import { readOptional } from "../repo/read-optional.js";
import { readValuesTexts, treeFingerprint, unchangedTree } from "./cluster-inputs.js";
import { TreeStamps } from "./tree-stamps.js";

export interface ClusterRender {
  cluster: Cluster;
  resources: RenderedResource[];
  /** With a cache: the fingerprint of the cluster's inputs (cluster file, values files, blueprints), when all could be read. */
  inputs?: string;
}

export interface RepoRender {
  clusters: ClusterRender[];
  /** Every file the render owns: path relative to root -> content. */
  files: Map<string, string>;
  /** Folders (relative to root) whose generated files the render fully owns; used for pruning. */
  ownedDirs: string[];
  /** Single files owned outside those folders. */
  ownedFiles: string[];
  /** Generated folders of clusters whose cluster.yaml is gone (full renders only): owned, so their files are pruned. */
  orphanedDirs: string[];
  /**
   * Clusters skipped because their tree stamp holds (only with a cache): their folders are as
   * the last render left them. Neither their files nor their folders are in `files` / `ownedDirs`.
   */
  unchanged: { name: string; files: number }[];
  /** What the fleet ApplicationSet needs of each cluster loaded (or skipped as unchanged). */
  fleet: FleetMember[];
  /** With a cache: save() them once the tree is written, to stamp the rendered clusters. */
  stamps?: TreeStamps;
  diagnostics: Diagnostic[];
  /**
   * Cluster files with input errors. Their releases are all rendered as far as they go, so every
   * error is reported at once, but the cluster is then left out of `clusters`, `files` and
   * `ownedDirs`: a half-rendered tree would read as stale files and lint false positives.
   */
  broken: string[];
  /** Cluster files that could not be loaded at all: the fleet ApplicationSet lacks them. */
  unloaded: string[];
}

/**
 * The render proper, loaded when a cluster has to be rendered: a render whose clusters are all
 * skipped (tree stamps) parses no cluster file and never loads ajv or Handlebars.
 */
const renderModules = once(async () => {
  const [{ loadCluster }, { loadBlueprint }, { resolveValues }, { planClusterTree }] = await Promise.all([
    import("../repo/load-cluster.js"),
    import("../repo/load-blueprint.js"),
    import("../values/resolve-values.js"),
    import("../tree/plan-cluster-tree.js"),
  ]);
  return { loadCluster, loadBlueprint, resolveValues, planClusterTree };
});

export interface RenderOptions {
  /**
   * The root's folder inside its git repository ("" at the top), which starts every path the
   * GitOps objects name. Found from the root's `.git` by default; `diff` passes the working
   * tree's when it renders a base commit extracted elsewhere.
   */
  repoPrefix?: string;
  /**
   * With a cache, skip clusters whose tree stamp holds (default). `kforge check` needs every
   * cluster's resources to lint them, so it only takes unchanged releases from the cache.
   */
  skipUnchangedTrees?: boolean;
}

/**
 * Renders clusters in memory: load, check values, run templates, lay out the tree. Nothing is
 * written. `only` limits the render to one cluster, or to a list of cluster files (the fleet
 * ApplicationSet is then left alone: `fleet` has what it needs of the clusters rendered).
 * With a cache, unchanged releases come from it, and clusters whose tree stamp holds (inputs
 * and generated files as the last render left them) are skipped.
 */
export async function renderClusters(root: string, only?: string | readonly string[], cache?: RenderCache, options: RenderOptions = {}): Promise<RepoRender> {
  const repoPrefix = options.repoPrefix ?? gitPrefix(root);
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, string>();
  const stamps = cache && options.skipUnchangedTrees !== false ? await TreeStamps.load(root) : undefined;
  const result: RepoRender = { clusters: [], files, ownedDirs: [], ownedFiles: [], orphanedDirs: [], unchanged: [], fleet: [], stamps, diagnostics, broken: [], unloaded: [] };
  const sources = new Map<string, Promise<BlueprintSources>>();
  const sourcesOnce = (name: string) => {
    if (!sources.has(name)) sources.set(name, readBlueprintSources(root, name));
    return sources.get(name)!;
  };
  const blueprints = new Map<string, Promise<{ blueprint?: Blueprint; diagnostics: Diagnostic[] }>>();
  const blueprintOnce = (name: string) => {
    if (!blueprints.has(name)) blueprints.set(name, renderModules().then(async ({ loadBlueprint }) => loadBlueprint(root, name, await sourcesOnce(name))));
    return blueprints.get(name)!;
  };
  const reportedBlueprints = new Set<string>();
  const fleet: FleetMember[] = [];
  const clusterFiles = await discoverClusterFiles(root);
  stamps?.retainOnly(new Set(clusterFiles.map((file) => posix.basename(posix.dirname(file)))));
  for (const file of clusterFiles) {
    if (typeof only === "string" ? file !== `clusters/${only}/cluster.yaml` : only && !only.includes(file)) continue;
    const text = readOptional(join(root, file));
    const unchanged = stamps && text !== undefined ? await unchangedTree(root, stamps, file, text, sourcesOnce, repoPrefix) : undefined;
    if (unchanged) {
      fleet.push(unchanged.fleet);
      result.unchanged.push({ name: unchanged.fleet.name, files: unchanged.files });
      continue;
    }
    const { loadCluster, resolveValues, planClusterTree } = await renderModules();
    const { cluster, diagnostics: problems } = await loadCluster(root, file, text, repoPrefix);
    diagnostics.push(...problems);
    if (!cluster) {
      result.broken.push(file);
      result.unloaded.push(file);
      continue;
    }
    fleet.push({ name: cluster.name, dir: cluster.dir, gitops: cluster.gitops });
    const valuesTexts = cache ? readValuesTexts(root, cluster.dir, cluster.releases) : [];
    const outputs: ReleaseOutput[] = [];
    // A release that fails is skipped and the next one rendered: one pass reports every error.
    let failed = false;
    for (let index = 0; index < cluster.releases.length; index++) {
      const release = cluster.releases[index];
      const { blueprint, diagnostics: blueprintProblems } = await blueprintOnce(release.blueprint);
      if (!blueprint) {
        // Each release that names a missing blueprint is a place to fix; problems in the
        // blueprint's own files are reported once.
        const located = blueprintProblems.map((d) => blueprintMissingAt(d, cluster, index));
        diagnostics.push(...(reportedBlueprints.has(release.blueprint) ? located.filter((d) => d.code === "blueprint-missing") : located));
        reportedBlueprints.add(release.blueprint);
        failed = true;
        continue;
      }
      if (blueprint.kubernetes && !satisfiesRange(cluster.kubernetesVersion, blueprint.kubernetes)) {
        const span = cluster.yaml.locate(["spec", "releases", index, "blueprint"]);
        diagnostics.push({ code: "blueprint-schema", file: cluster.file, line: span.line, column: span.column, message: `blueprint ${blueprint.name} supports Kubernetes ${blueprint.kubernetes}, but cluster ${cluster.name} runs ${cluster.kubernetesVersion}` });
        failed = true;
        continue;
      }
      const valuesFiles = [cluster.file, ...(release.valuesFile ? [posix.join(cluster.dir, release.valuesFile)] : [])];
      const key = cache && cacheKey(cluster, index, blueprint, valuesTexts[index]);
      const cached = key ? await cache!.get(cluster.name, release.name, key) : undefined;
      if (cached) {
        outputs.push({ index, blueprint, documents: cached, valuesFiles });
        continue;
      }
      const schemaProblems = blueprint.valuesSchema().diagnostics;
      if (schemaProblems.length > 0) {
        if (!reportedBlueprints.has(release.blueprint)) diagnostics.push(...schemaProblems);
        reportedBlueprints.add(release.blueprint);
        failed = true;
        continue;
      }
      const { resolved, diagnostics: valueProblems } = await resolveValues(root, cluster, index, blueprint);
      diagnostics.push(...valueProblems);
      if (valueProblems.length > 0) failed = true;
      if (!resolved) continue;
      // Loaded on first use: a render served from the cache never loads Handlebars.
      const { renderRelease } = await import("./render-release.js");
      const rendered = renderRelease(cluster, index, blueprint, resolved);
      diagnostics.push(...rendered.diagnostics);
      if (rendered.diagnostics.length > 0) failed = true;
      if (key && rendered.diagnostics.length === 0) {
        // Written out once, for the cache and for the tree.
        for (const doc of rendered.documents) doc.body ??= emitManifest(doc.object as Record<string, unknown>);
        await cache!.set(cluster.name, release.name, key, rendered.documents);
      }
      outputs.push({ index, blueprint, documents: rendered.documents, valuesFiles });
    }
    const plan = planClusterTree(cluster, outputs);
    diagnostics.push(...plan.diagnostics);
    if (failed || problems.length > 0 || plan.diagnostics.length > 0) {
      result.broken.push(file);
      continue;
    }
    const tree = [...plan.files, ...gitopsFiles(cluster)];
    for (const [path, content] of tree) files.set(path, content);
    result.ownedDirs.push(`${cluster.dir}/rendered`, `${cluster.dir}/gitops`);
    const inputs = cache ? await treeFingerprint(cluster.file, cluster.text, cluster.releases, valuesTexts, sourcesOnce) : undefined;
    result.clusters.push({ cluster, resources: plan.resources, ...(inputs ? { inputs } : {}) });
    if (stamps && inputs) stamps.rendered(cluster, cluster.releases, inputs, tree.map(([path]) => path));
  }
  result.fleet = fleet;
  if (!only) {
    const fleetFile = applicationSetFile(fleet);
    if (fleetFile) files.set(APPLICATIONSET_FILE, fleetFile);
    result.ownedFiles.push(APPLICATIONSET_FILE);
    result.orphanedDirs = discoverOrphanedTrees(root);
    result.ownedDirs.push(...result.orphanedDirs);
  }
  return result;
}

/** Everything a release's render depends on; undefined when an input cannot be read (no caching then). */
function cacheKey(cluster: Cluster, index: number, blueprint: Blueprint, valuesText: string | undefined): string | undefined {
  if (valuesText === undefined) return undefined;
  const release = cluster.releases[index];
  return RenderCache.key([rendererId(), blueprint.contentHash, cluster.file, cluster.text, String(index), release.valuesFile ?? "", valuesText]);
}

/** A missing blueprint is reported where the release names it. */
function blueprintMissingAt(d: Diagnostic, cluster: Cluster, index: number): Diagnostic {
  if (d.code !== "blueprint-missing") return d;
  const span = cluster.yaml.locate(["spec", "releases", index, "blueprint"]);
  return { ...d, file: cluster.file, line: span.line, column: span.column };
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
