import type { Cluster } from "../repo/cluster.js";

/** A GitRepository for this repository and a Kustomization that applies the cluster's tree, as the cluster's settings say. */
export function fluxObjects(cluster: Cluster): Record<string, unknown>[] {
  const { gitops } = cluster;
  const flux = gitops.flux ?? {};
  const namespace = gitops.namespace ?? "flux-system";
  const labels = { "app.kubernetes.io/managed-by": "kforge", "kforge.dev/cluster": cluster.name };
  return [
    {
      apiVersion: "source.toolkit.fluxcd.io/v1",
      kind: "GitRepository",
      metadata: { name: cluster.name, namespace, labels },
      spec: {
        interval: flux.sourceInterval ?? "1m",
        url: gitops.repoURL,
        ref: { branch: gitops.targetRevision ?? "main" },
        ...(flux.secretRef ? { secretRef: { name: flux.secretRef } } : {}),
      },
    },
    {
      apiVersion: "kustomize.toolkit.fluxcd.io/v1",
      kind: "Kustomization",
      metadata: { name: cluster.name, namespace, labels },
      spec: {
        interval: flux.interval ?? "10m",
        path: `./${gitops.renderedPath}`,
        prune: flux.prune ?? true,
        wait: flux.wait ?? true,
        timeout: flux.timeout ?? "5m",
        sourceRef: { kind: "GitRepository", name: cluster.name },
        ...(flux.targetNamespace ? { targetNamespace: flux.targetNamespace } : {}),
        ...(flux.dependsOn?.length ? { dependsOn: flux.dependsOn.map((name) => ({ name })) } : {}),
      },
    },
  ];
}
