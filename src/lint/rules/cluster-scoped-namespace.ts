import type { Rule } from "../rule.js";
import { describeObject } from "../kube/api-kinds.js";
import { scopeResolver } from "../kube/resource-scope.js";

export const rule: Rule = {
  meta: {
    id: "cluster-scoped-namespace",
    defaultSeverity: "warning",
    description: "metadata.namespace is set on a cluster-scoped object (ClusterRole, PersistentVolume, StorageClass, CRD, ...).",
    rationale:
      "Cluster-scoped objects live outside every namespace: the API server ignores the field, kustomize's namespace " +
      "transformer may rewrite it, and readers are misled into thinking the object belongs to (and is removed with) the namespace.",
    remediation: "Remove metadata.namespace from the cluster-scoped object.",
  },
  check(context) {
    const clusterScoped = scopeResolver(context.resources);
    for (const resource of context.resources) {
      const ns = resource.object.metadata?.namespace;
      if (typeof ns !== "string" || ns === "" || !clusterScoped(resource)) continue;
      context.report({
        resource,
        path: ["metadata", "namespace"],
        message: `${describeObject(resource, true)} is cluster-scoped, but sets metadata.namespace "${ns}", which is ignored`,
      });
    }
  },
};
