import type { FieldPath, Resource } from "../../resources/resource.js";
import type { Rule } from "../rule.js";
import { apiGroupOf } from "../kube/api-kinds.js";
import { BUILT_IN_GROUPS, nameRuleFor } from "../kube/api-names.js";
import { parseKubeVersion } from "../kube/deprecated-apis.js";
import { invalid, notSupported, type FieldError } from "../kube/field-errors.js";
import { validateAnnotations, validateLabels, validateLabelSelector, validateObjectMeta } from "../kube/validate-metadata.js";
import { RESTART_POLICIES, enumError, validatePodSpec } from "../kube/validate-pod-spec.js";
import { validateServiceSpec } from "../kube/validate-service.js";
import { dig, isObject, podTemplateOf } from "../kube/workloads.js";

/** Workload kinds whose pods must restart Always, and the Job kinds whose pods must not. */
const ALWAYS_RESTART = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController"]);
const JOB_RESTART = ["OnFailure", "Never"];
/** The CronJob controller appends 11 characters to name its Jobs, which are at most 63. */
const CRONJOB_NAME_MAX = 52;
const SET_SELECTOR_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"]);

export const rule: Rule = {
  meta: {
    id: "api-validation",
    defaultSeverity: "error",
    description: "A built-in object that the API server's own validation rejects though its schema allows it: bad names, label keys and values, pod and Service fields.",
    rationale:
      "The OpenAPI schema says a name is a string; the API server also requires it to be a DNS-1123 subdomain (or label, " +
      "or path segment, depending on the kind), label keys to be qualified names, container names to be unique, ports " +
      "to be 1..65535, enums to hold a supported value, and volume mounts to name a volume of the pod. A schema-valid " +
      "manifest that breaks one of these fails at apply time, often halfway through a rollout of many objects.",
    remediation:
      "Change the value at the position shown to what the message asks for (lower-case names with '-', qualified " +
      "label keys, unique names, a supported value), or add what is missing.",
  },
  check(context) {
    const version = parseKubeVersion(context.target.kubernetesVersion);
    for (const resource of context.resources) {
      const { apiVersion, kind } = resource.object;
      if (typeof apiVersion !== "string" || typeof kind !== "string") continue;
      const group = apiGroupOf(apiVersion);
      if (!BUILT_IN_GROUPS.has(group) || (group === "" && apiVersion !== "v1") || kind.endsWith("List")) continue;
      const errors = [...validateObjectMeta(resource.object.metadata, nameRuleFor(group, kind, version)), ...kindErrors(resource, group, kind)];
      for (const error of errors) {
        context.report({ resource, path: error.path, message: error.message, ...(error.warning ? { severity: "warning" as const } : {}) });
      }
    }
  },
};

function kindErrors(resource: Resource, group: string, kind: string): FieldError[] {
  const object = resource.object;
  const errors: FieldError[] = [];
  const name = object.metadata?.name;
  if (group === "batch" && kind === "CronJob" && typeof name === "string" && name.length > CRONJOB_NAME_MAX) {
    errors.push(invalid(["metadata", "name"], name, `must be no more than ${CRONJOB_NAME_MAX} characters`));
  }
  if (group === "" && kind === "Service") errors.push(...validateServiceSpec(object.spec));
  if (group === "" && kind === "PodTemplate") errors.push(...templateErrors(object.template, ["template"], kind));
  if (group === "" && kind === "ReplicationController") errors.push(...validateLabels(dig(object, ["spec", "selector"]), ["spec", "selector"]));
  const template = podTemplateOf(resource);
  if (!template) return errors;
  if (SET_SELECTOR_KINDS.has(kind)) errors.push(...validateLabelSelector(dig(object, ["spec", "selector"]), ["spec", "selector"]));
  if (kind === "CronJob") errors.push(...validateLabelSelector(dig(object, ["spec", "jobTemplate", "spec", "selector"]), ["spec", "jobTemplate", "spec", "selector"]));
  if (kind === "Pod") {
    errors.push(...validatePodSpec(template.spec as Record<string, any>, ["spec"]));
    errors.push(...enumError(template.spec.restartPolicy, ["spec", "restartPolicy"], RESTART_POLICIES));
    return errors;
  }
  const templatePath = template.specPath.slice(0, -1);
  errors.push(...templateErrors(dig(object, templatePath), templatePath, kind));
  return errors;
}

/** A pod template: its labels and annotations, its pod spec, and the restart policy its owner allows. */
function templateErrors(template: unknown, path: FieldPath, kind: string): FieldError[] {
  if (!isObject(template)) return [];
  const errors: FieldError[] = [];
  errors.push(...validateLabels(dig(template, ["metadata", "labels"]), [...path, "metadata", "labels"]));
  errors.push(...validateAnnotations(dig(template, ["metadata", "annotations"]), [...path, "metadata", "annotations"]));
  const spec = template.spec;
  if (!isObject(spec)) return errors;
  const specPath = [...path, "spec"];
  // The API server does not validate a StatefulSet's pod spec (its volumes come from volumeClaimTemplates).
  if (kind !== "StatefulSet") errors.push(...validatePodSpec(spec, specPath));
  errors.push(...restartPolicyErrors(spec.restartPolicy, specPath, kind));
  return errors;
}

function restartPolicyErrors(value: unknown, specPath: FieldPath, kind: string): FieldError[] {
  const path = [...specPath, "restartPolicy"];
  const set = typeof value === "string" && value !== "";
  if (ALWAYS_RESTART.has(kind)) return set && value !== "Always" ? [notSupported(path, value, ["Always"])] : [];
  if (kind === "Job" || kind === "CronJob") {
    // Unset, it defaults to Always, which a Job does not allow.
    const effective = set ? value : "Always";
    if (typeof effective === "string" && !JOB_RESTART.includes(effective)) return [notSupported(path, effective, JOB_RESTART, set ? path : specPath)];
    return [];
  }
  return enumError(value, path, RESTART_POLICIES);
}
