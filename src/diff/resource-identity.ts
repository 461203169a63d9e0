import { builtinDeprecations } from "../lint/kube/deprecated-apis.js";
import type { ResourceId } from "../resources/resource.js";
import { resourceId, type KubeObject } from "../resources/resource.js";

let moves: Map<string, string> | undefined;

/** "<group> <kind>" -> the group the kind moved to (extensions Deployment -> apps), from the deprecation table. */
function groupMoves(): Map<string, string> {
  if (moves) return moves;
  moves = new Map();
  for (const entry of builtinDeprecations()) {
    if (entry.replacement === null) continue;
    const [apiVersion, kind = entry.kind] = entry.replacement.split(" ");
    if (kind !== entry.kind || groupOf(apiVersion) === groupOf(entry.apiVersion)) continue;
    moves.set(`${groupOf(entry.apiVersion)} ${entry.kind}`, groupOf(apiVersion));
  }
  return moves;
}

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}

/**
 * The group a kind lives in today: extensions/v1beta1 Deployment and apps/v1 Deployment are the
 * same object to the API server, so an apiVersion migration is a change, not a remove and an add.
 */
export function canonicalGroup(apiVersion: string, kind: string): string {
  let group = groupOf(apiVersion);
  for (let hop = 0; hop < 10; hop++) {
    const next = groupMoves().get(`${group} ${kind}`);
    if (next === undefined) break;
    group = next;
  }
  return group;
}

/** Identity across revisions: (canonical group, kind, namespace, name); the version is left out on purpose. */
export function identityKey(id: ResourceId): string {
  return [canonicalGroup(id.apiVersion, id.kind), id.kind, id.namespace ?? "", id.name].join("\u0000");
}

export function objectKey(object: KubeObject): string {
  return identityKey(resourceId(object));
}
