import { labelSelectorMatches, type LabelSelector, type Labels } from "../lint/kube/selectors.js";
import { isObject } from "../lint/kube/workloads.js";
import type { GroupVersionResource } from "./admission-resources.js";

/** What matching needs to know about the CREATE of one object. */
export interface MatchRequest {
  resource: GroupVersionResource;
  name: string;
  /** "" for a cluster-scoped object. */
  namespace: string;
  namespaced: boolean;
  labels: Labels;
  /** Labels of the object's namespace (of the object itself when it is a Namespace); undefined when cluster-scoped. */
  namespaceLabels: Labels | undefined;
}

/**
 * Whether `criteria` (a policy's matchConstraints or a binding's matchResources) selects the
 * request, as the API server's matcher decides: namespaceSelector, objectSelector, then
 * excludeResourceRules and resourceRules (none: every resource). matchPolicy Equivalent would
 * also match other versions of the same resource through conversion; offline only the object's
 * own version is compared.
 */
export function matchesCriteria(criteria: unknown, request: MatchRequest): boolean {
  const match = isObject(criteria) ? criteria : {};
  if (!namespaceMatches(match.namespaceSelector, request)) return false;
  if (!selectorMatches(match.objectSelector, request.labels)) return false;
  if (Array.isArray(match.excludeResourceRules) && match.excludeResourceRules.some((rule) => ruleMatches(rule, request))) return false;
  if (!Array.isArray(match.resourceRules) || match.resourceRules.length === 0) return true;
  return match.resourceRules.some((rule) => ruleMatches(rule, request));
}

/** Cluster-scoped objects other than Namespaces match any namespaceSelector. */
function namespaceMatches(selector: unknown, request: MatchRequest): boolean {
  if (!request.namespaceLabels) return true;
  return selectorMatches(selector, request.namespaceLabels);
}

/** A missing or empty selector selects everything (the API server defaults it to `{}`). */
function selectorMatches(selector: unknown, labels: Labels): boolean {
  if (!isObject(selector)) return true;
  return labelSelectorMatches(selector as LabelSelector, labels);
}

function ruleMatches(rule: unknown, request: MatchRequest): boolean {
  if (!isObject(rule)) return false;
  const { group, version, resource } = request.resource;
  const listed = (values: unknown, value: string) => Array.isArray(values) && values.some((item) => item === "*" || item === value);
  if (!listed(rule.operations, "CREATE")) return false;
  if (!listed(rule.apiGroups, group) || !listed(rule.apiVersions, version)) return false;
  const resourceListed = Array.isArray(rule.resources) && rule.resources.some((item) => {
    if (typeof item !== "string") return false;
    const slash = item.indexOf("/");
    const [name, sub] = slash < 0 ? [item, ""] : [item.slice(0, slash), item.slice(slash + 1)];
    return (name === "*" || name === resource) && (sub === "*" || sub === "");
  });
  if (!resourceListed) return false;
  const scope = rule.scope ?? "*";
  if (scope === "Cluster" && request.namespaced) return false;
  if (scope === "Namespaced" && !request.namespaced) return false;
  if (Array.isArray(rule.resourceNames) && rule.resourceNames.length > 0 && !rule.resourceNames.includes(request.name)) return false;
  return true;
}
