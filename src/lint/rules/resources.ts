import type { Resource } from "../../resources/resource.js";
import type { Rule } from "../rule.js";
import { describeObject, isKindOf, nameOrIndex } from "../kube/api-kinds.js";
import { longRunningContainers } from "../kube/long-running.js";
import { dig, isObject, namespaceOf } from "../kube/workloads.js";

type Amounts = Record<string, unknown>;
interface Defaults { limits: Amounts; requests: Amounts }

export const rule: Rule = {
  meta: {
    id: "resources",
    defaultSeverity: "warning",
    description: "A long-running container has no CPU or memory request, or no memory limit.",
    rationale:
      "The scheduler places pods by their requests: without them a node is overcommitted and its pods are the first " +
      "evicted (BestEffort). Without a memory limit one leaking container can exhaust the node's memory and get its " +
      "neighbours OOM-killed.",
    remediation:
      "Set resources.requests.cpu and resources.requests.memory to the container's normal usage and " +
      "resources.limits.memory to its peak, or give the namespace a LimitRange with container defaults.",
  },
  check(context) {
    const defaults = limitRangeDefaults(context.resources);
    for (const { container, path, template } of longRunningContainers(context.resources)) {
      const own = (container as { resources?: unknown }).resources;
      const limits = amounts(dig(own, ["limits"]));
      const requests = amounts(dig(own, ["requests"]));
      const fallback = defaults.get(template.namespace);
      // The API server defaults a missing request to the limit; a LimitRange then fills what is still unset.
      const has = (value: unknown) => value !== undefined && value !== null && value !== "";
      const missing: string[] = [];
      if (!has(requests.cpu ?? limits.cpu ?? fallback?.requests.cpu)) missing.push("no CPU request");
      if (!has(requests.memory ?? limits.memory ?? fallback?.requests.memory)) missing.push("no memory request");
      if (!has(limits.memory ?? fallback?.limits.memory)) missing.push("no memory limit");
      if (missing.length === 0) continue;
      const hasResources = Object.prototype.hasOwnProperty.call(container, "resources");
      context.report({
        resource: template.resource,
        path: [...path, hasResources ? "resources" : "name"],
        message: `Container ${nameOrIndex(container, path[path.length - 1])} in ${describeObject(template.resource, false)} has ${joinAnd(missing)}`,
      });
    }
  },
};

/** Container defaults per namespace from LimitRanges, completed the way the API server defaults them. */
function limitRangeDefaults(resources: readonly Resource[]): Map<string, Defaults> {
  const out = new Map<string, Defaults>();
  for (const resource of resources) {
    if (!isKindOf(resource, "LimitRange", [""])) continue;
    const items = dig(resource.object, ["spec", "limits"]);
    if (!Array.isArray(items)) continue;
    const entry = out.get(namespaceOf(resource)) ?? { limits: {}, requests: {} };
    for (const item of items) {
      if (!isObject(item) || item.type !== "Container") continue;
      // default <- max; defaultRequest <- default, then min.
      const limits = { ...amounts(item.max), ...amounts(item.default) };
      const requests = { ...amounts(item.min), ...limits, ...amounts(item.defaultRequest) };
      Object.assign(entry.limits, limits);
      Object.assign(entry.requests, requests);
    }
    out.set(namespaceOf(resource), entry);
  }
  return out;
}

function amounts(value: unknown): Amounts {
  return isObject(value) ? value : {};
}

function joinAnd(items: string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
