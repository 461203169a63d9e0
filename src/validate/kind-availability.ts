import type { KindIndex } from "./schema-bundle.js";
import { apiGroupOf } from "../lint/kube/api-kinds.js";
import { compareMinor } from "../render/kube-version.js";

/**
 * Where a kind that the target release does not serve stands:
 * - "removed": only older releases serve it (the `deprecated-api` rule names the replacement);
 * - "not-yet": only newer releases serve it;
 * - "unknown": no release has it (a custom resource without a known CRD).
 * `servedInstead` lists the apiVersions of the same kind that the target does serve.
 */
export type KindAvailability =
  | { status: "removed"; lastIn: string; servedInstead: string[] }
  | { status: "not-yet"; firstIn: string; servedInstead: string[] }
  | { status: "unknown" };

export function kindAvailability(index: KindIndex, target: string, apiVersion: string, kind: string): KindAvailability {
  const releases = index[apiVersion]?.[kind] ?? [];
  if (releases.length === 0) return { status: "unknown" };
  const servedInstead = Object.keys(index)
    .filter((other) => other !== apiVersion && (index[other][kind] ?? []).includes(target))
    .sort((a, b) => Number(apiGroupOf(b) === apiGroupOf(apiVersion)) - Number(apiGroupOf(a) === apiGroupOf(apiVersion)) || a.localeCompare(b));
  const older = releases.filter((release) => compareMinor(release, target) < 0);
  if (older.length > 0 && !releases.some((release) => compareMinor(release, target) > 0)) return { status: "removed", lastIn: older[older.length - 1], servedInstead };
  const newer = releases.find((release) => compareMinor(release, target) > 0);
  return newer ? { status: "not-yet", firstIn: newer, servedInstead } : { status: "unknown" };
}
