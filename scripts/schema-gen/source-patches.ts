import type { JsonSchema } from "../../src/validate/value-schemas.js";

/**
 * Fields the kubernetes-types declarations leave out although the API has them (found by
 * `npm run crosscheck`): without them a valid webhook, RBAC rule or CRD would be rejected.
 * Keyed by definition-name suffix; applied only where the definition exists and lacks the field.
 */
interface Patch {
  add?: Record<string, JsonSchema>;
  required?: string[];
}

const strings: JsonSchema = { type: "array", items: { type: "string" } };
const VALIDATION_RULE: JsonSchema = {
  type: "object",
  properties: {
    fieldPath: { type: "string" },
    message: { type: "string" },
    messageExpression: { type: "string" },
    optionalOldSelf: { type: "boolean" },
    reason: { type: "string" },
    rule: { type: "string" },
  },
  required: ["rule"],
  additionalProperties: false,
};
const SCHEMA_EXTENSIONS: Patch = {
  add: {
    "x-kubernetes-embedded-resource": { type: "boolean" },
    "x-kubernetes-int-or-string": { type: "boolean" },
    "x-kubernetes-list-map-keys": strings,
    "x-kubernetes-list-type": { type: "string" },
    "x-kubernetes-map-type": { type: "string" },
    "x-kubernetes-preserve-unknown-fields": { type: "boolean" },
    "x-kubernetes-validations": { type: "array", items: VALIDATION_RULE },
  },
};
const RULE_WITH_OPERATIONS: Patch = { add: { resources: strings, scope: { type: "string" } } };
const RESOURCE_RULE: Patch = { add: { resources: strings, verbs: strings }, required: ["verbs"] };

const PATCHES: Record<string, Patch> = {
  "apiextensions.v1.JSONSchemaProps": SCHEMA_EXTENSIONS,
  "apiextensions.v1beta1.JSONSchemaProps": SCHEMA_EXTENSIONS,
  "admissionregistration.v1.RuleWithOperations": RULE_WITH_OPERATIONS,
  "admissionregistration.v1beta1.RuleWithOperations": RULE_WITH_OPERATIONS,
  "admissionregistration.v1.NamedRuleWithOperations": RULE_WITH_OPERATIONS,
  "admissionregistration.v1beta1.NamedRuleWithOperations": RULE_WITH_OPERATIONS,
  "admissionregistration.v1alpha1.NamedRuleWithOperations": RULE_WITH_OPERATIONS,
  "authorization.v1.ResourceRule": RESOURCE_RULE,
  "authorization.v1beta1.ResourceRule": RESOURCE_RULE,
  "rbac.v1beta1.PolicyRule": RESOURCE_RULE,
  "rbac.v1alpha1.PolicyRule": RESOURCE_RULE,
  "rbac.v1.PolicyRule": RESOURCE_RULE,
  // Not required by the OpenAPI, but the API server rejects a pod (template) container without one.
  "core.v1.Container": { required: ["image"] },
  // networking.k8s.io/v1 has required pathType since it was introduced (1.19).
  "networking.v1.HTTPIngressPath": { required: ["pathType"] },
};

/** Adds the missing fields to generated definitions, in place; returns what it changed. */
export function applySourcePatches(definitions: Record<string, JsonSchema>): string[] {
  const changed: string[] = [];
  for (const [name, patch] of Object.entries(PATCHES)) {
    const definition = definitions[name];
    if (!definition?.properties) continue;
    const properties = definition.properties as Record<string, JsonSchema>;
    for (const [field, schema] of Object.entries(patch.add ?? {})) {
      if (field in properties) continue;
      properties[field] = schema;
      changed.push(`${name}.${field}`);
    }
    const required = new Set((definition.required ?? []) as string[]);
    for (const field of patch.required ?? []) {
      if (required.has(field) || !(field in properties)) continue;
      required.add(field);
      changed.push(`${name}.${field} (required)`);
    }
    if (required.size > 0) definition.required = [...required].sort();
  }
  return changed;
}
