import { posix } from "node:path";
import { RENDERED_DIR, type Cluster } from "../repo/cluster.js";
import { emitManifest } from "../render/emit-yaml.js";
import { fileHeader } from "../tree/file-header.js";

/** Where the fleet-wide ApplicationSet is written (no cluster folder can be named with a dot). */
export const APPLICATIONSET_FILE = "clusters/applicationset.yaml";

/** What the ApplicationSet needs of a cluster. */
export type FleetMember = Pick<Cluster, "name" | "dir" | "gitops">;

/** The fleet file's header: why the file exists and how it relates to each cluster's gitops/ folder. */
export const APPLICATIONSET_HEADER = fileHeader("for every Argo CD cluster: one Application per cluster tree (use this or each cluster's gitops/ folder, not both)");

/**
 * For teams with many clusters and one central Argo CD: an ApplicationSet whose git directory
 * generator makes one Application per Argo CD cluster tree, sent to the Argo CD cluster of the
 * same name. One ApplicationSet per repository URL and revision. Undefined with no Argo CD cluster.
 */
export function applicationSetFile(clusters: readonly FleetMember[]): string | undefined {
  const objects = applicationSetObjects(clusters);
  if (objects.length === 0) return undefined;
  return APPLICATIONSET_HEADER + objects.map((object) => emitManifest(object)).join("---\n");
}

/** The documents of the fleet file, in order (none with no Argo CD cluster): `kforge diff` compares them. */
export function applicationSetObjects(clusters: readonly FleetMember[]): Record<string, unknown>[] {
  const argo = clusters.filter((c) => c.gitops.engine === "argocd").sort((a, b) => (a.name < b.name ? -1 : 1));
  const groups = new Map<string, FleetMember[]>();
  for (const cluster of argo) {
    const key = `${cluster.gitops.repoURL} ${cluster.gitops.targetRevision ?? "main"}`;
    groups.set(key, [...(groups.get(key) ?? []), cluster]);
  }
  return [...groups.values()].map((group, i) => {
    const { repoURL, targetRevision = "main", namespace = "argocd" } = group[0].gitops;
    return {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "ApplicationSet",
      metadata: { name: i === 0 ? "kforge-clusters" : `kforge-clusters-${i + 1}`, namespace, labels: { "app.kubernetes.io/managed-by": "kforge" } },
      spec: {
        generators: [{ git: { repoURL, revision: targetRevision, directories: group.map((c) => ({ path: posix.join(c.dir, RENDERED_DIR) })) } }],
        template: {
          metadata: { name: "{{path[1]}}" },
          spec: {
            project: "default",
            source: { repoURL, targetRevision, path: "{{path}}" },
            destination: { name: "{{path[1]}}" },
            syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ["ServerSideApply=true"] },
          },
        },
      },
    };
  });
}
