/**
 * Writes a synthetic kforge repository: the shipped blueprints and N clusters of M releases.
 * Clusters alternate Kubernetes 1.18 / 1.30 and, in pairs, Argo CD / Flux, so all four
 * combinations (and both schema sets) are in every run.
 */
import { cp, mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "yaml";
import { clusterMix, type KubeVersion } from "./release-mix.js";

export interface RepoSize {
  clusters: number;
  releases: number;
}

export interface SyntheticRepo {
  root: string;
  clusterNames: string[];
  /** A web-app values file of the first cluster, relative to root: the one re-render changes. */
  valuesFileToChange: string;
}

export function sizeLabel(size: RepoSize): string {
  return `${size.clusters}x${size.releases}`;
}

export async function writeSyntheticRepo(root: string, size: RepoSize, repoRoot: string): Promise<SyntheticRepo> {
  await rm(root, { recursive: true, force: true });
  await mkdir(join(root, "clusters"), { recursive: true });
  await cp(join(repoRoot, "blueprints"), join(root, "blueprints"), { recursive: true });
  const clusterNames: string[] = [];
  let valuesFileToChange = "";
  for (let index = 0; index < size.clusters; index++) {
    const name = `c${String(index).padStart(3, "0")}`;
    const kube: KubeVersion = index % 2 === 0 ? "1.18" : "1.30";
    const engine = Math.floor(index / 2) % 2 === 0 ? "argocd" : "flux";
    const mix = clusterMix(index, size.releases, kube);
    const dir = join(root, "clusters", name);
    await mkdir(join(dir, "values"), { recursive: true });
    const cluster = {
      apiVersion: "kforge.dev/v1alpha1",
      kind: "Cluster",
      metadata: { name },
      spec: {
        kubernetesVersion: kube,
        gitops: { engine, repoURL: "https://git.example.com/platform/fleet.git", targetRevision: "main" },
        nodePortRange: "30000-32767",
        provided: { storageClasses: [], namespaces: mix.namespaces, secrets: mix.secrets },
        imageRegistry: { rewrite: index % 3 === 0 ? { "quay.io": "harbor.example.com/mirror", "gcr.io": "harbor.example.com/mirror" } : {} },
        releases: mix.releases,
      },
    };
    await writeFile(join(dir, "cluster.yaml"), `# Synthetic benchmark cluster ${index} (Kubernetes ${kube}, ${engine}).\n${stringify(cluster)}`);
    for (const [file, values] of mix.valuesFiles) {
      await writeFile(join(dir, file), stringify(values));
      if (!valuesFileToChange && file.startsWith("values/web-")) valuesFileToChange = `clusters/${name}/${file}`;
    }
    clusterNames.push(name);
  }
  if (!valuesFileToChange) throw new Error(`size ${sizeLabel(size)} has no web-app release to change; use at least 5 releases per cluster`);
  return { root, clusterNames, valuesFileToChange };
}

/** Removes what `kforge render` writes, so the next render writes every tree from scratch. */
export async function removeRenderedTrees(repo: SyntheticRepo): Promise<void> {
  await Promise.all(repo.clusterNames.flatMap((name) => [
    rm(join(repo.root, "clusters", name, "rendered"), { recursive: true, force: true }),
    rm(join(repo.root, "clusters", name, "gitops"), { recursive: true, force: true }),
  ]));
  await rm(join(repo.root, "clusters", "applicationset.yaml"), { force: true });
}
