import { atLeast, type KubeVersion } from "./deprecated-apis.js";
import { nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain, nameIsPathSegment, type NameRule } from "./name-rules.js";

/**
 * API groups the Kubernetes API server serves itself. Custom resources live in other groups
 * (some of them under k8s.io, like gateway.networking.k8s.io or snapshot.storage.k8s.io), and
 * their validation is their CRD's.
 */
export const BUILT_IN_GROUPS: ReadonlySet<string> = new Set([
  "", "admissionregistration.k8s.io", "apiextensions.k8s.io", "apiregistration.k8s.io", "apps",
  "authentication.k8s.io", "authorization.k8s.io", "autoscaling", "batch", "certificates.k8s.io",
  "coordination.k8s.io", "discovery.k8s.io", "events.k8s.io", "extensions", "flowcontrol.apiserver.k8s.io",
  "internal.apiserver.k8s.io", "networking.k8s.io", "node.k8s.io", "policy", "rbac.authorization.k8s.io",
  "resource.k8s.io", "scheduling.k8s.io", "storage.k8s.io", "storagemigration.k8s.io",
]);

const SUBDOMAIN_KINDS: Record<string, readonly string[]> = {
  "": ["ConfigMap", "Endpoints", "LimitRange", "Node", "PersistentVolume", "PersistentVolumeClaim", "Pod", "PodTemplate", "ReplicationController", "ResourceQuota", "Secret", "ServiceAccount"],
  "admissionregistration.k8s.io": ["MutatingWebhookConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "ValidatingWebhookConfiguration"],
  "apiextensions.k8s.io": ["CustomResourceDefinition"],
  apps: ["ControllerRevision", "DaemonSet", "Deployment", "ReplicaSet"],
  autoscaling: ["HorizontalPodAutoscaler"],
  batch: ["CronJob", "Job"],
  "coordination.k8s.io": ["Lease"],
  "discovery.k8s.io": ["EndpointSlice"],
  extensions: ["DaemonSet", "Deployment", "Ingress", "NetworkPolicy", "ReplicaSet"],
  "networking.k8s.io": ["Ingress", "IngressClass", "NetworkPolicy"],
  "node.k8s.io": ["RuntimeClass"],
  "scheduling.k8s.io": ["PriorityClass"],
  "storage.k8s.io": ["StorageClass", "VolumeAttachment"],
};

/** What the API server calls each name rule in messages and docs. */
export const NAME_RULE_NAMES = new Map<NameRule, string>([
  [nameIsDNSSubdomain, "a DNS-1123 subdomain"],
  [nameIsDNSLabel, "a DNS-1123 label"],
  [nameIsDNS1035Label, "a DNS-1035 label"],
  [nameIsPathSegment, "a path segment"],
]);

/**
 * The name rule the API server applies to `kind` in `group` (a built-in group). Kinds without
 * their own rule still get the path-segment check every object name goes through.
 */
export function nameRuleFor(group: string, kind: string, version: KubeVersion | undefined): NameRule {
  if (group === "" && kind === "Namespace") return nameIsDNSLabel;
  // RelaxedServiceNameValidation (alpha in 1.34) lets Service names start with a digit later on.
  if (group === "" && kind === "Service") return version && atLeast(version, "1.35") ? nameIsDNSLabel : nameIsDNS1035Label;
  if (group === "apps" && kind === "StatefulSet") return nameIsDNSLabel;
  if (SUBDOMAIN_KINDS[group]?.includes(kind)) return nameIsDNSSubdomain;
  return nameIsPathSegment;
}
