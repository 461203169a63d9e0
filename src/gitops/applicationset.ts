import type { Cluster } from "../repo/cluster.js";
import { argoDestination, argoSyncPolicy } from "./argocd.js";
import { emitManifest } from "../render/emit-yaml.js";
import { fileHeader } from "../tree/file-header.js";

/** Where the fleet-wide ApplicationSet is written (no cluster folder can be named with a dot). */
export const APPLICATIONSET_FILE = "clusters/applicationset.yaml";

/** What the ApplicationSet needs of a cluster. */
export type FleetMember = Pick<Cluster, "name" | "dir" | "gitops">;

/** The fleet file's header: why the file exists and how it relates to each cluster's gitops/ folder. */
export const APPLICATIONSET_HEADER = fileHeader("for every Argo CD cluster: one Application per cluster tree (use this or each cluster's gitops/ folder, not both)");

/**
 * For teams with many clusters and one central Argo CD: an ApplicationSet whose list generator
 * makes one Application per Argo CD cluster, with the same source, destination and sync policy
 * as the cluster's own Application in gitops/ (set `gitops.argocd.destination.name` for clusters
 * registered in the central Argo CD). Undefined with no Argo CD cluster.
 */
export function applicationSetFile(clusters: readonly FleetMember[]): string | undefined {
  const objects = applicationSetObjects(clusters);
  if (objects.length === 0) return undefined;
  return APPLICATIONSET_HEADER + objects.map((object) => emitManifest(object)).join("---\n");
}

/** The documents of the fleet file, in order (none with no Argo CD cluster): `kforge diff` compares them. */
export function applicationSetObjects(clusters: readonly FleetMember[]): Record<string, unknown>[] {
  const argo = clusters.filter((c) => c.gitops.engine === "argocd").sort((a, b) => (a.name < b.name ? -1 : 1));
  // One ApplicationSet per set of settings its template shares; clusters differ only by element.
  const groups = new Map<string, FleetMember[]>();
  for (const cluster of argo) {
    const { gitops } = cluster;
    const key = JSON.stringify([gitops.repoURL, gitops.targetRevision ?? "main", gitops.namespace ?? "argocd", Object.keys(argoDestination(gitops))[0], argoSyncPolicy(gitops), gitops.argocd?.revisionHistoryLimit ?? null]);
    groups.set(key, [...(groups.get(key) ?? []), cluster]);
  }
  return [...groups.values()].map((group, i) => {
    const { repoURL, targetRevision = "main", namespace = "argocd", argocd } = group[0].gitops;
    const destinationField = Object.keys(argoDestination(group[0].gitops))[0];
    const elements = group.map((c) => ({
      cluster: c.name,
      path: c.gitops.renderedPath,
      destination: Object.values(argoDestination(c.gitops))[0],
      // Without a project of its own a cluster's Application uses Argo CD's default project:
      // the per-cluster AppProjects live in each cluster's gitops/ folder, which the fleet replaces.
      project: c.gitops.argocd?.project ?? "default",
    }));
    return {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "ApplicationSet",
      metadata: { name: i === 0 ? "kforge-clusters" : `kforge-clusters-${i + 1}`, namespace, labels: { "app.kubernetes.io/managed-by": "kforge" } },
      spec: {
        generators: [{ list: { elements } }],
        template: {
          metadata: { name: "{{cluster}}", labels: { "app.kubernetes.io/managed-by": "kforge", "kforge.dev/cluster": "{{cluster}}" } },
          spec: {
            project: "{{project}}",
            source: { repoURL, targetRevision, path: "{{path}}" },
            destination: { [destinationField]: "{{destination}}" },
            syncPolicy: argoSyncPolicy(group[0].gitops),
            ...(argocd?.revisionHistoryLimit !== undefined ? { revisionHistoryLimit: argocd.revisionHistoryLimit } : {}),
          },
        },
      },
    };
  });
}
