import type { FieldPath, Resource } from "../../resources/resource.js";
import type { Rule, RuleContext } from "../rule.js";
import { apiGroupOf, describeObject, isKindOf } from "../kube/api-kinds.js";
import { asLabels, labelSelectorMatches, mapSelectorMatches, type LabelSelector, type Labels } from "../kube/selectors.js";
import { formatLabels } from "../kube/services.js";
import { dig, isObject } from "../kube/workloads.js";

/** Kinds with a set-based selector, and the groups that serve them. */
const SET_SELECTOR_KINDS: Record<string, readonly string[]> = {
  Deployment: ["apps", "extensions"], StatefulSet: ["apps"], DaemonSet: ["apps", "extensions"], ReplicaSet: ["apps", "extensions"],
};
/** apiVersions that no longer default the selector from the template labels. */
const SELECTOR_REQUIRED = new Set(["apps/v1", "apps/v1beta2"]);

export const rule: Rule = {
  meta: {
    id: "workload-selector",
    defaultSeverity: "error",
    description: "A workload's spec.selector does not match its own pod template labels, or an apps/v1 workload has no selector.",
    rationale:
      "A controller owns the pods its selector matches. The API server rejects a Deployment, StatefulSet, DaemonSet, " +
      "ReplicaSet, ReplicationController (or a Job with manualSelector) whose selector does not select its own " +
      "template (\"selector does not match template labels\"), and apps/v1 requires the selector: it is no longer " +
      "derived from the template labels. The selector is immutable afterwards, so getting it right matters.",
    remediation:
      "Set spec.selector.matchLabels to labels the pod template carries (usually app.kubernetes.io/name and " +
      "app.kubernetes.io/instance), and keep them stable: the selector cannot change after creation.",
  },
  check(context) {
    for (const resource of context.resources) {
      const kind = String(resource.object.kind);
      const groups = Object.hasOwn(SET_SELECTOR_KINDS, kind) ? SET_SELECTOR_KINDS[kind] : undefined;
      if (groups && isKindOf(resource, kind, groups)) {
        const required = SELECTOR_REQUIRED.has(String(resource.object.apiVersion));
        checkSetSelector(context, resource, ["spec"], required, false);
      } else if (isKindOf(resource, "Job", ["batch"])) {
        if (dig(resource.object, ["spec", "manualSelector"]) === true) checkSetSelector(context, resource, ["spec"], true, true);
      } else if (isKindOf(resource, "CronJob", ["batch"])) {
        if (dig(resource.object, ["spec", "jobTemplate", "spec", "manualSelector"]) === true) checkSetSelector(context, resource, ["spec", "jobTemplate", "spec"], true, true);
      } else if (isKindOf(resource, "ReplicationController", [""]) || isKindOf(resource, "DeploymentConfig", ["apps.openshift.io"])) {
        checkMapSelector(context, resource);
      }
    }
  },
};

function checkSetSelector(context: RuleContext, resource: Resource, spec: FieldPath, required: boolean, manual: boolean): void {
  const who = describeObject(resource, false);
  const selectorPath = [...spec, "selector"];
  const selector = dig(resource.object, selectorPath);
  const labels = asLabels(dig(resource.object, [...spec, "template", "metadata", "labels"]));
  if (selector === undefined || selector === null) {
    if (!required) return; // Older API versions default the selector to the template labels.
    const why = manual ? "manualSelector: true requires one" : `${String(resource.object.apiVersion)} requires it (it is no longer derived from the template labels)`;
    context.report({ resource, path: selectorPath, message: `${who} has no spec.selector: ${why}; set matchLabels to pod template labels (${formatLabels(labels) || "the template has none"})` });
    return;
  }
  const clean = cleanSelector(selector);
  if (!clean) return; // Wrong shape: the schema check reports it.
  if (Object.keys(clean.matchLabels ?? {}).length === 0 && (clean.matchExpressions ?? []).length === 0) {
    if (!manual) context.report({ resource, path: selectorPath, message: `${who} has an empty selector, which the API server rejects for a ${String(resource.object.kind)}; set matchLabels to pod template labels (${formatLabels(labels) || "the template has none"})` });
    return;
  }
  if (labelSelectorMatches(clean, labels)) return;
  const key = Object.keys(clean.matchLabels ?? {}).find((k) => labels[k] !== String(clean.matchLabels![k]));
  const expression = (clean.matchExpressions ?? []).findIndex((req) => !labelSelectorMatches({ matchExpressions: [req] }, labels));
  const path = key !== undefined ? [...selectorPath, "matchLabels", key] : expression >= 0 ? [...selectorPath, "matchExpressions", expression] : selectorPath;
  context.report({ resource, path, message: `${who} selector ${describeSelector(clean)} does not match its pod template labels (${formatLabels(labels) || "none"}): the API server rejects it` });
}

function checkMapSelector(context: RuleContext, resource: Resource): void {
  const selector = dig(resource.object, ["spec", "selector"]);
  // Absent or empty: defaulted to the template labels.
  if (!isObject(selector) || Object.keys(selector).length === 0) return;
  const labels = asLabels(dig(resource.object, ["spec", "template", "metadata", "labels"]));
  if (mapSelectorMatches(selector, labels)) return;
  const key = Object.keys(selector).find((k) => labels[k] !== String(selector[k]));
  context.report({
    resource, path: key !== undefined ? ["spec", "selector", key] : ["spec", "selector"],
    message: `${describeObject(resource, false)} selector ${formatLabels(selector)} does not match its pod template labels (${formatLabels(labels) || "none"})${apiGroupOf(resource.object.apiVersion) === "" ? ": the API server rejects it" : ""}`,
  });
}

/** The selector when it has the LabelSelector shape, or undefined. */
function cleanSelector(value: unknown): LabelSelector | undefined {
  if (!isObject(value)) return undefined;
  const { matchLabels, matchExpressions } = value;
  if (matchLabels !== undefined && matchLabels !== null && !isObject(matchLabels)) return undefined;
  if (matchExpressions !== undefined && matchExpressions !== null && !Array.isArray(matchExpressions)) return undefined;
  const expressions = (matchExpressions ?? []) as unknown[];
  if (!expressions.every((e) => isObject(e) && typeof e.key === "string" && typeof e.operator === "string" && (e.values === undefined || Array.isArray(e.values)))) return undefined;
  return { matchLabels: (matchLabels ?? {}) as Labels, matchExpressions: expressions as LabelSelector["matchExpressions"] };
}

function describeSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${String(v)}`);
  for (const req of selector.matchExpressions ?? []) parts.push(`${req.key} ${req.operator}${req.values?.length ? ` (${req.values.join(",")})` : ""}`);
  return parts.join(",");
}
