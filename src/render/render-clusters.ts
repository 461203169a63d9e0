import { readFile } from "node:fs/promises";
import { join, posix } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { applicationSetFile, APPLICATIONSET_FILE } from "../gitops/applicationset.js";
import { gitopsFiles } from "../gitops/gitops-files.js";
import type { Blueprint } from "../repo/blueprint.js";
import type { Cluster } from "../repo/cluster.js";
import { discoverClusterFiles } from "../repo/discover-clusters.js";
import { loadBlueprint } from "../repo/load-blueprint.js";
import { loadCluster } from "../repo/load-cluster.js";
import { planClusterTree, type ReleaseOutput } from "../tree/plan-cluster-tree.js";
import { resolveValues } from "../values/resolve-values.js";
import { satisfiesRange } from "./kube-version.js";
import type { RenderedResource } from "./rendered-resource.js";
import { RenderCache } from "./render-cache.js";
import { rendererId } from "./renderer-id.js";
import { renderRelease } from "./render-release.js";

export interface ClusterRender {
  cluster: Cluster;
  resources: RenderedResource[];
}

export interface RepoRender {
  clusters: ClusterRender[];
  /** Every file the render owns: path relative to root -> content. */
  files: Map<string, string>;
  /** Folders (relative to root) whose generated files the render fully owns; used for pruning. */
  ownedDirs: string[];
  /** Single files owned outside those folders. */
  ownedFiles: string[];
  diagnostics: Diagnostic[];
}

/**
 * Renders clusters in memory: load, check values, run templates, lay out the tree. Nothing is
 * written. `only` limits the render to one cluster (the fleet ApplicationSet is then left alone).
 */
export async function renderClusters(root: string, only?: string, cache?: RenderCache): Promise<RepoRender> {
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, string>();
  const result: RepoRender = { clusters: [], files, ownedDirs: [], ownedFiles: [], diagnostics };
  const blueprints = new Map<string, Promise<{ blueprint?: Blueprint; diagnostics: Diagnostic[] }>>();
  const blueprintOnce = (name: string) => {
    if (!blueprints.has(name)) blueprints.set(name, loadBlueprint(root, name));
    return blueprints.get(name)!;
  };
  const reportedBlueprints = new Set<string>();
  const loaded: Cluster[] = [];
  for (const file of await discoverClusterFiles(root)) {
    if (only && file !== `clusters/${only}/cluster.yaml`) continue;
    const { cluster, diagnostics: problems } = await loadCluster(root, file);
    diagnostics.push(...problems);
    if (!cluster) continue;
    loaded.push(cluster);
    const outputs: ReleaseOutput[] = [];
    for (let index = 0; index < cluster.releases.length; index++) {
      const release = cluster.releases[index];
      const { blueprint, diagnostics: blueprintProblems } = await blueprintOnce(release.blueprint);
      if (!blueprint) {
        if (!reportedBlueprints.has(release.blueprint)) diagnostics.push(...blueprintProblems.map((d) => blueprintMissingAt(d, cluster, index)));
        reportedBlueprints.add(release.blueprint);
        continue;
      }
      if (blueprint.kubernetes && !satisfiesRange(cluster.kubernetesVersion, blueprint.kubernetes)) {
        const span = cluster.yaml.locate(["spec", "releases", index, "blueprint"]);
        diagnostics.push({ code: "blueprint-schema", file: cluster.file, line: span.line, column: span.column, message: `blueprint ${blueprint.name} supports Kubernetes ${blueprint.kubernetes}, but cluster ${cluster.name} runs ${cluster.kubernetesVersion}` });
        continue;
      }
      const valuesFiles = [cluster.file, ...(release.valuesFile ? [posix.join(cluster.dir, release.valuesFile)] : [])];
      const key = cache && (await cacheKey(root, cluster, index, blueprint));
      const cached = key ? await cache!.get(cluster.name, release.name, key) : undefined;
      if (cached) {
        outputs.push({ index, blueprint, documents: cached, valuesFiles });
        continue;
      }
      const { resolved, diagnostics: valueProblems } = await resolveValues(root, cluster, index, blueprint);
      diagnostics.push(...valueProblems);
      if (!resolved) continue;
      const rendered = renderRelease(cluster, index, blueprint, resolved);
      diagnostics.push(...rendered.diagnostics);
      if (key && rendered.diagnostics.length === 0) await cache!.set(cluster.name, release.name, key, rendered.documents);
      outputs.push({ index, blueprint, documents: rendered.documents, valuesFiles });
    }
    const plan = planClusterTree(cluster, outputs);
    diagnostics.push(...plan.diagnostics);
    for (const [path, content] of [...plan.files, ...gitopsFiles(cluster)]) files.set(path, content);
    result.ownedDirs.push(`${cluster.dir}/rendered`, `${cluster.dir}/gitops`);
    result.clusters.push({ cluster, resources: plan.resources });
  }
  if (!only) {
    const fleet = applicationSetFile(loaded);
    if (fleet) files.set(APPLICATIONSET_FILE, fleet);
    result.ownedFiles.push(APPLICATIONSET_FILE);
  }
  return result;
}

/** Everything a release's render depends on; undefined when an input cannot be read (no caching then). */
async function cacheKey(root: string, cluster: Cluster, index: number, blueprint: Blueprint): Promise<string | undefined> {
  const release = cluster.releases[index];
  let valuesText = "";
  if (release.valuesFile !== undefined) {
    try {
      valuesText = await readFile(join(root, cluster.dir, release.valuesFile), "utf8");
    } catch {
      return undefined;
    }
  }
  return RenderCache.key([rendererId(), blueprint.contentHash, cluster.file, cluster.text, String(index), release.valuesFile ?? "", valuesText]);
}

/** A missing blueprint is reported where the release names it. */
function blueprintMissingAt(d: Diagnostic, cluster: Cluster, index: number): Diagnostic {
  if (d.code !== "blueprint-missing") return d;
  const span = cluster.yaml.locate(["spec", "releases", index, "blueprint"]);
  return { ...d, file: cluster.file, line: span.line, column: span.column };
}
