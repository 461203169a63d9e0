import type { Resource } from "../../resources/resource.js";
import { apiGroupOf, isKindOf } from "./api-kinds.js";
import { isObject } from "./workloads.js";
import { isClusterScoped } from "./scope.js";

/**
 * Decides whether objects are cluster-scoped: CRDs in the set declare their kind's scope
 * (`spec.scope`), built-in kinds follow `isClusterScoped`, unknown kinds count as namespaced.
 */
export function scopeResolver(resources: readonly Resource[]): (resource: Resource) => boolean {
  const declared = new Map<string, boolean>();
  for (const resource of resources) {
    if (!isKindOf(resource, "CustomResourceDefinition", ["apiextensions.k8s.io"])) continue;
    const spec = resource.object.spec;
    if (!isObject(spec) || typeof spec.group !== "string" || !isObject(spec.names)) continue;
    const kind = spec.names.kind;
    if (typeof kind !== "string" || (spec.scope !== "Cluster" && spec.scope !== "Namespaced")) continue;
    declared.set(`${spec.group}/${kind}`, spec.scope === "Cluster");
  }
  return (resource) => {
    const kind = String(resource.object.kind);
    return declared.get(`${apiGroupOf(resource.object.apiVersion)}/${kind}`) ?? isClusterScoped(kind);
  };
}
