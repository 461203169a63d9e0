import type { Cluster, GitopsSettings } from "../repo/cluster.js";

export const IN_CLUSTER = "https://kubernetes.default.svc";

/** Where the cluster's tree is applied: the configured server or registered cluster name, else the cluster Argo CD runs in. */
export function argoDestination(gitops: GitopsSettings): { server: string } | { name: string } {
  const destination = gitops.argocd?.destination;
  if (destination?.name) return { name: destination.name };
  return { server: destination?.server ?? IN_CLUSTER };
}

/** The Application's syncPolicy from the cluster's settings (automated sync with prune and self-heal by default). */
export function argoSyncPolicy(gitops: GitopsSettings): Record<string, unknown> {
  const policy = gitops.argocd?.syncPolicy ?? {};
  const syncOptions = policy.syncOptions ?? ["ServerSideApply=true"];
  const automated = policy.automated ?? true;
  return {
    ...(automated ? { automated: { prune: policy.prune ?? true, selfHeal: policy.selfHeal ?? true } } : {}),
    ...(syncOptions.length > 0 ? { syncOptions } : {}),
  };
}

/**
 * An Application that syncs the cluster's tree and, unless the cluster names an existing
 * project, an AppProject limited to this repository and the Application's destination.
 */
export function argoCdObjects(cluster: Cluster): Record<string, unknown>[] {
  const { gitops } = cluster;
  const namespace = gitops.namespace ?? "argocd";
  const labels = { "app.kubernetes.io/managed-by": "kforge", "kforge.dev/cluster": cluster.name };
  const destination = argoDestination(gitops);
  const project = gitops.argocd?.project;
  const revisionHistoryLimit = gitops.argocd?.revisionHistoryLimit;
  const application = {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Application",
    metadata: { name: cluster.name, namespace, labels, finalizers: ["resources-finalizer.argocd.argoproj.io"] },
    spec: {
      project: project ?? cluster.name,
      source: { repoURL: gitops.repoURL, targetRevision: gitops.targetRevision ?? "main", path: gitops.renderedPath },
      destination,
      syncPolicy: argoSyncPolicy(gitops),
      ...(revisionHistoryLimit !== undefined ? { revisionHistoryLimit } : {}),
    },
  };
  if (project) return [application];
  return [
    {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "AppProject",
      metadata: { name: cluster.name, namespace, labels },
      spec: {
        description: `Releases of cluster ${cluster.name}, rendered by kforge`,
        sourceRepos: [gitops.repoURL],
        destinations: [{ ...destination, namespace: "*" }],
        clusterResourceWhitelist: [{ group: "*", kind: "*" }],
      },
    },
    application,
  ];
}
