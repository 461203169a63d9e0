import type { KindIndex } from "./schema-bundle.js";

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

const minor = (release: string): number => Number(release.split(".")[1]);

export function kindAvailability(index: KindIndex, target: string, apiVersion: string, kind: string): KindAvailability {
  const releases = index[apiVersion]?.[kind] ?? [];
  if (releases.length === 0) return { status: "unknown" };
  const servedInstead = Object.keys(index)
    .filter((other) => other !== apiVersion && (index[other][kind] ?? []).includes(target))
    .sort((a, b) => Number(groupOf(b) === groupOf(apiVersion)) - Number(groupOf(a) === groupOf(apiVersion)) || a.localeCompare(b));
  const older = releases.filter((release) => minor(release) < minor(target));
  if (older.length > 0 && !releases.some((release) => minor(release) > minor(target))) return { status: "removed", lastIn: older[older.length - 1], servedInstead };
  const newer = releases.find((release) => minor(release) > minor(target));
  return newer ? { status: "not-yet", firstIn: newer, servedInstead } : { status: "unknown" };
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
}
