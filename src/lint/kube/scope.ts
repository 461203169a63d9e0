/** Kinds of the built-in API (and the CRDs kforge ships) that are not namespaced. */
const CLUSTER_SCOPED = new Set([
  "APIService", "CertificateSigningRequest", "ClusterRole", "ClusterRoleBinding",
  "ComponentStatus", "CSIDriver", "CSINode", "CustomResourceDefinition", "FlowSchema", "IngressClass",
  "MutatingWebhookConfiguration", "Namespace", "Node", "PersistentVolume", "PodSecurityPolicy",
  "PriorityClass", "PriorityLevelConfiguration", "RuntimeClass", "StorageClass", "StorageVersionMigration",
  "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "ValidatingWebhookConfiguration",
  "VolumeAttachment", "VolumeAttributesClass", "IPAddress", "ServiceCIDR", "ResourceSlice", "DeviceClass",
  "SelfSubjectReview", "TokenReview", "SubjectAccessReview", "SelfSubjectAccessReview", "SelfSubjectRulesReview",
  "ClusterTrustBundle", "AuditSink", "ClusterIssuer", "GatewayClass",
]);

/** True for kinds that live outside namespaces. Unknown kinds (CRDs) count as namespaced. */
export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}
