import type { Cluster } from "../repo/cluster.js";

/** A GitRepository for this repository and a Kustomization that applies the cluster's tree. */
export function fluxObjects(cluster: Cluster, renderedPath: string): Record<string, unknown>[] {
  const namespace = cluster.gitops.namespace ?? "flux-system";
  const labels = { "app.kubernetes.io/managed-by": "kforge", "kforge.dev/cluster": cluster.name };
  return [
    {
      apiVersion: "source.toolkit.fluxcd.io/v1",
      kind: "GitRepository",
      metadata: { name: cluster.name, namespace, labels },
      spec: { interval: "1m", url: cluster.gitops.repoURL, ref: { branch: cluster.gitops.targetRevision ?? "main" } },
    },
    {
      apiVersion: "kustomize.toolkit.fluxcd.io/v1",
      kind: "Kustomization",
      metadata: { name: cluster.name, namespace, labels },
      spec: {
        interval: "10m",
        path: `./${renderedPath}`,
        prune: true,
        wait: true,
        timeout: "5m",
        sourceRef: { kind: "GitRepository", name: cluster.name },
      },
    },
  ];
}
