import { atLeast, builtinDeprecations } from "../../src/lint/kube/deprecated-apis.js";
import type { KindMap } from "../../src/validate/schema-bundle.js";

/**
 * The API definitions of 1.16 and 1.17 still describe versions the API server stopped serving by
 * default in 1.16 (extensions/v1beta1 Deployment, ...; --runtime-config could turn them back on).
 * A set holds what a cluster serves, so the deprecation table's removals win: removes those kinds
 * (and their lists) from `kinds` in place and returns them.
 */
export function withoutUnservedKinds(kinds: KindMap, minor: number): string[] {
  const removed: string[] = [];
  for (const entry of builtinDeprecations()) {
    if (entry.removedIn === undefined || !atLeast([1, minor], entry.removedIn)) continue;
    for (const kind of [entry.kind, `${entry.kind}List`]) {
      if (kinds[entry.apiVersion]?.[kind] === undefined) continue;
      delete kinds[entry.apiVersion][kind];
      if (Object.keys(kinds[entry.apiVersion]).length === 0) delete kinds[entry.apiVersion];
      removed.push(`${entry.apiVersion} ${kind}`);
    }
  }
  return removed;
}
