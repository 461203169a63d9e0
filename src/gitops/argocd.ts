import type { Cluster } from "../repo/cluster.js";

const IN_CLUSTER = "https://kubernetes.default.svc";

/** An AppProject limited to this repository and an Application that syncs the cluster's tree. */
export function argoCdObjects(cluster: Cluster, renderedPath: string): Record<string, unknown>[] {
  const namespace = cluster.gitops.namespace ?? "argocd";
  const labels = { "app.kubernetes.io/managed-by": "kforge", "kforge.dev/cluster": cluster.name };
  return [
    {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "AppProject",
      metadata: { name: cluster.name, namespace, labels },
      spec: {
        description: `Releases of cluster ${cluster.name}, rendered by kforge`,
        sourceRepos: [cluster.gitops.repoURL],
        destinations: [{ server: IN_CLUSTER, namespace: "*" }],
        clusterResourceWhitelist: [{ group: "*", kind: "*" }],
      },
    },
    {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Application",
      metadata: { name: cluster.name, namespace, labels, finalizers: ["resources-finalizer.argocd.argoproj.io"] },
      spec: {
        project: cluster.name,
        source: { repoURL: cluster.gitops.repoURL, targetRevision: cluster.gitops.targetRevision ?? "main", path: renderedPath },
        destination: { server: IN_CLUSTER },
        syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ["ServerSideApply=true"] },
      },
    },
  ];
}
