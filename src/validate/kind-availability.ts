import type { KindIndex } from "./schema-bundle.js";
import { KUBERNETES_SCHEMA_SETS, minorOf, type ResolvedTarget } from "./schema-sets.js";

/**
 * Where a kind that the target's own sets lack stands:
 * - "removed": only older sets have it; the `deprecated-api` rule reports it, so schema says nothing;
 * - "not-yet": only newer sets have it, newer than the target too: it does not exist there yet;
 * - "unknown": no shipped set has it (a custom resource without a known CRD).
 */
export type KindAvailability = { status: "removed" } | { status: "not-yet"; firstIn: string } | { status: "unknown" };

export function kindAvailability(index: KindIndex, target: ResolvedTarget, apiVersion: string, kind: string): KindAvailability {
  const versions = index[apiVersion]?.[kind] ?? [];
  if (versions.length === 0) return { status: "unknown" };
  const used = target.sets.map(minorOf);
  const lowest = Math.min(...used);
  const highest = Math.max(...used);
  const known = KUBERNETES_SCHEMA_SETS.filter((set) => versions.includes(set.version));
  if (known.some((set) => minorOf(set) < lowest)) return { status: "removed" };
  const first = known.find((set) => minorOf(set) > highest);
  return first ? { status: "not-yet", firstIn: first.version } : { status: "unknown" };
}
