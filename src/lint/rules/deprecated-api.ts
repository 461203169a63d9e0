import type { Rule } from "../rule.js";
import { builtinDeprecations, DEPRECATED_APIS_SCHEMA, DeprecationTable, atLeast, parseKubeVersion, type DeprecatedApi, type KubeVersion } from "../kube/deprecated-apis.js";
import { deprecatedFields } from "../kube/deprecated-fields.js";
import { isObject } from "../kube/workloads.js";

export const rule: Rule = {
  meta: {
    id: "deprecated-api",
    defaultSeverity: "error",
    description: "An apiVersion (or field form) that the target Kubernetes version deprecates (warning) or no longer serves (error).",
    rationale:
      "The API server rejects objects whose apiVersion it no longer serves: a manifest written for an older cluster " +
      "fails to apply after an upgrade, often in the middle of a rollout. Deprecated versions still work but will stop " +
      "at a known release, and removed in-tree volume plugins leave pods unable to mount their volumes.",
    remediation:
      "Change apiVersion to the replacement named in the message and adapt the fields that changed between versions " +
      "(the Kubernetes deprecated API migration guide lists them; `kubectl convert` can rewrite a manifest).",
    optionsSchema: {
      type: "object",
      properties: {
        extraDeprecations: {
          type: "array",
          description: "More deprecated apiVersion/kind pairs (same shape as data/deprecated-apis.yaml), e.g. for CRD versions your platform retires. They win over built-in entries for the same pair.",
          items: DEPRECATED_APIS_SCHEMA.items,
        },
      },
      additionalProperties: false,
    },
  },
  check(context) {
    const target = parseKubeVersion(context.target.kubernetesVersion);
    if (!target) return; // Not X.Y: the caller validates the target version.
    const extra = Array.isArray(context.options.extraDeprecations) ? context.options.extraDeprecations.filter(isEntry) : [];
    const table = new DeprecationTable([...builtinDeprecations(), ...extra]);
    for (const resource of context.resources) {
      const { apiVersion, kind } = resource.object;
      if (typeof apiVersion !== "string" || typeof kind !== "string") continue;
      const entry = table.find(apiVersion, kind);
      if (!entry || !atLeast(target, entry.deprecatedIn)) continue;
      const removed = entry.removedIn !== undefined && atLeast(target, entry.removedIn);
      context.report({
        resource,
        path: ["apiVersion"],
        severity: removed ? "error" : "warning",
        message: describe(entry, removed, table, target),
        remediation: remediationFor(entry, table, target),
      });
    }
    for (const finding of deprecatedFields(context.resources, target)) context.report(finding);
  },
};

/** "extensions/v1beta1 Ingress was removed in Kubernetes 1.22 (deprecated in 1.14); use networking.k8s.io/v1". */
function describe(entry: DeprecatedApi, removed: boolean, table: DeprecationTable, target: KubeVersion): string {
  const subject = `${entry.apiVersion} ${entry.kind}`;
  const alphaDrop = entry.deprecatedIn === entry.removedIn;
  const when = removed
    ? `was removed in Kubernetes ${entry.removedIn}${alphaDrop ? "" : ` (deprecated in ${entry.deprecatedIn})`}`
    : `is deprecated since Kubernetes ${entry.deprecatedIn}${entry.removedIn ? ` and is removed in ${entry.removedIn}` : ""}`;
  return `${subject} ${when}; ${instead(entry, table, target)}`;
}

function instead(entry: DeprecatedApi, table: DeprecationTable, target: KubeVersion): string {
  const next = table.successor(entry, target);
  if (!("apiVersion" in next)) return next.note ?? "it has no replacement";
  const kind = next.kind === entry.kind ? "" : ` ${next.kind}`;
  if (next.since && !atLeast(target, next.since)) {
    const interim = table.interim(entry, target);
    const now = interim ? `use ${interim.apiVersion}${kind} now, and ` : "";
    return `${now}${interim ? "" : "use "}${next.apiVersion}${kind} once the cluster runs Kubernetes ${next.since} or later`;
  }
  return `use ${next.apiVersion}${kind}`;
}

function remediationFor(entry: DeprecatedApi, table: DeprecationTable, target: KubeVersion): string {
  const next = table.successor(entry, target);
  if (!("apiVersion" in next)) return next.note ?? rule.meta.remediation;
  const kind = next.kind === entry.kind ? "" : ` and kind to ${next.kind}`;
  const interim = next.since && !atLeast(target, next.since) ? table.interim(entry, target) : undefined;
  if (interim) return `Change apiVersion to ${interim.apiVersion} while the cluster runs Kubernetes ${formatVersion(target)}; move to ${next.apiVersion} after upgrading to ${next.since}.`;
  // The entry's own note describes its direct replacement; after a chain of hops it may not apply.
  const note = entry.note && entry.replacement?.split(" ")[0] === next.apiVersion ? ` ${entry.note}` : "";
  return `Change apiVersion to ${next.apiVersion}${kind}.${note}`;
}

function isEntry(value: unknown): value is DeprecatedApi {
  return isObject(value) && typeof value.apiVersion === "string" && typeof value.kind === "string" &&
    typeof value.deprecatedIn === "string" && (value.replacement === null || typeof value.replacement === "string");
}

function formatVersion(version: KubeVersion): string {
  return `${version[0]}.${version[1]}`;
}
