/**
 * The `.d.ts` sources say `number` for int32, int64 and double alike. Kubernetes API numbers are
 * integers, int32 unless the Go field is an int64; these tables name the int64 (and the few
 * floating-point) fields of the core API. Checked against the official OpenAPI definitions by
 * `npm run crosscheck`.
 */
export type NumberSchema = { type: "integer"; format: "int32" | "int64" } | { type: "number"; format: "double" };

/** Fields that are int64 wherever they appear. */
const INT64_FIELDS = new Set([
  "activeDeadlineSeconds",
  "deletionGracePeriodSeconds",
  "expirationSeconds",
  "fsGroup",
  "generation",
  "gracePeriodSeconds",
  "int",
  "ints",
  "maxItems",
  "maxLength",
  "maxProperties",
  "minItems",
  "minLength",
  "minProperties",
  "observedGeneration",
  "remainingItemCount",
  "revision",
  "runAsGroup",
  "runAsUser",
  "seconds",
  "sizeBytes",
  "startingDeadlineSeconds",
  "supplementalGroups",
  "templateGeneration",
  "terminationGracePeriodSeconds",
  "tolerationSeconds",
  "uid",
  "gid",
]);

/** `Owner.field` exceptions to the rules above and below. */
const OWNER_FIELDS: Record<string, NumberSchema["format"]> = {
  // A CSR's requested duration is an int32, unlike token expirations.
  "CertificateSigningRequestSpec.expirationSeconds": "int32",
  // PodSecurityPolicy ID ranges are int64 (host port ranges stay int32).
  "IDRange.min": "int64",
  "IDRange.max": "int64",
  // Audit webhook throttling (auditregistration.k8s.io, 1.16 to 1.18).
  "WebhookThrottleConfig.burst": "int64",
  "WebhookThrottleConfig.qps": "int64",
  "JSONSchemaProps.maximum": "double",
  "JSONSchemaProps.minimum": "double",
  "JSONSchemaProps.multipleOf": "double",
};

/** Schema for a `number` field of the core API. */
export function kubernetesNumber(owner: string, field: string): NumberSchema {
  const exception = OWNER_FIELDS[`${owner}.${field}`];
  const format = exception ?? (INT64_FIELDS.has(field) ? "int64" : "int32");
  return format === "double" ? { type: "number", format } : { type: "integer", format };
}

/**
 * Schema for a `number` field of a custom resource (Argo CD, Flux): their Go types use int64
 * (and int32 only where the CRD says so), so int64 is the safe default.
 */
export function customResourceNumber(_owner: string, _field: string): NumberSchema {
  return { type: "integer", format: "int64" };
}
