import type { Resource } from "../../resources/resource.js";
import type { Rule } from "../rule.js";
import { canonicalGroup, describeObject } from "../kube/api-kinds.js";
import { scopeResolver } from "../kube/resource-scope.js";
import { namespaceOf } from "../kube/workloads.js";

export const rule: Rule = {
  meta: {
    id: "duplicate-resource",
    defaultSeverity: "error",
    description: "The same object (API group, kind, namespace, name) is defined more than once in the set.",
    rationale:
      "Kustomize refuses to build a set with two objects of the same identity, and kubectl apply silently lets the " +
      "last one win, so one of the two definitions is dead and edits to it have no effect. The API version does not " +
      "matter: apps/v1 and extensions/v1beta1 Deployments with one name are the same stored object.",
    remediation: "Delete one of the definitions, or give them different names (or namespaces).",
  },
  check(context) {
    const clusterScoped = scopeResolver(context.resources);
    const first = new Map<string, Resource>();
    for (const resource of context.resources) {
      const name = resource.object.metadata?.name;
      if (typeof name !== "string" || name === "") continue; // generateName objects get unique names
      const kind = String(resource.object.kind);
      const scoped = clusterScoped(resource);
      const key = [canonicalGroup(resource.object.apiVersion, kind), kind, scoped ? "" : namespaceOf(resource), name].join("|");
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, resource);
        continue;
      }
      const at = earlier.locate(["metadata", "name"]);
      const versions = earlier.object.apiVersion === resource.object.apiVersion ? "" : ` (as ${String(earlier.object.apiVersion)})`;
      context.report({
        resource,
        path: ["metadata", "name"],
        message: `${describeObject(resource, scoped)} is defined twice: it is already defined at ${earlier.file}:${at.line}${versions}`,
      });
    }
  },
};
