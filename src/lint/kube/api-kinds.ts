import type { Resource } from "../../resources/resource.js";
import { namespaceOf } from "./workloads.js";

/** The API group of an apiVersion: "" for the core group ("v1"), "apps" for "apps/v1". */
export function apiGroupOf(apiVersion: unknown): string {
  if (typeof apiVersion !== "string") return "";
  const slash = apiVersion.lastIndexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}

/** True when the resource is `kind` from one of `groups` ("" is the core group, apiVersion "v1"). */
export function isKindOf(resource: Resource, kind: string, groups: readonly string[]): boolean {
  if (resource.object.kind !== kind) return false;
  const apiVersion = resource.object.apiVersion;
  if (typeof apiVersion !== "string") return false;
  const group = apiGroupOf(apiVersion);
  // The core group has only "v1": "v2" or "foo" without a slash is not a built-in kind.
  if (group === "" && apiVersion !== "v1") return false;
  return groups.includes(group);
}

export const RBAC_GROUP = "rbac.authorization.k8s.io";

/** Kinds that moved out of a legacy group: the old and new apiVersions address one object. */
const MOVED_KINDS: Record<string, string> = {
  "extensions/Deployment": "apps",
  "extensions/DaemonSet": "apps",
  "extensions/ReplicaSet": "apps",
  "extensions/Ingress": "networking.k8s.io",
  "extensions/NetworkPolicy": "networking.k8s.io",
  "extensions/PodSecurityPolicy": "policy",
  "events.k8s.io/Event": "",
};

/** The group an object is stored under, folding legacy groups into their successors. */
export function canonicalGroup(apiVersion: unknown, kind: string): string {
  const group = apiGroupOf(apiVersion);
  return MOVED_KINDS[`${group}/${kind}`] ?? group;
}

/** "Deployment shop/web" for namespaced objects, "ClusterRole view" for cluster-scoped ones. */
export function describeObject(resource: Resource, clusterScoped: boolean): string {
  const name = resource.object.metadata?.name;
  const shown = typeof name === "string" && name !== "" ? name : "(unnamed)";
  const kind = String(resource.object.kind);
  return clusterScoped ? `${kind} ${shown}` : `${kind} ${namespaceOf(resource)}/${shown}`;
}

/** A container's or volume's name for messages, or its position ("#2") when it has none. */
export function nameOrIndex(item: { name?: unknown }, index: string | number): string {
  return typeof item.name === "string" && item.name !== "" ? item.name : `#${index}`;
}
