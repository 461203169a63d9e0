import type { Rule, RuleMeta } from "../rule.js";
import { rule as admissionPolicy } from "./admission-policy.js";
import { rule as apiValidation } from "./api-validation.js";
import { rule as clusterAdminBinding } from "./cluster-admin-binding.js";
import { rule as clusterScopedNamespace } from "./cluster-scoped-namespace.js";
import { rule as crdSchema } from "./crd-schema.js";
import { rule as crdValidation } from "./crd-validation.js";
import { rule as deprecatedApi } from "./deprecated-api.js";
import { rule as duplicateResource } from "./duplicate-resource.js";
import { rule as hostpathVolume } from "./hostpath-volume.js";
import { rule as imageTag } from "./image-tag.js";
import { rule as ingressBackend } from "./ingress-backend.js";
import { rule as missingReference } from "./missing-reference.js";
import { rule as nodeportConflict } from "./nodeport-conflict.js";
import { rule as nodeportRange } from "./nodeport-range.js";
import { rule as objectSize } from "./object-size.js";
import { rule as plaintextCredentialEnv } from "./plaintext-credential-env.js";
import { rule as probes } from "./probes.js";
import { rule as resources } from "./resources.js";
import { rule as rwoClaimShared } from "./rwo-claim-shared.js";
import { rule as schema } from "./schema.js";
import { rule as secretInGit } from "./secret-in-git.js";
import { rule as serviceSelector } from "./service-selector.js";
import { rule as serviceTargetPort } from "./service-target-port.js";
import { rule as statefulsetServiceName } from "./statefulset-service-name.js";
import { rule as statefulsetStorage } from "./statefulset-storage.js";
import { rule as workloadSelector } from "./workload-selector.js";

/** Every rule, by id, sorted. A test checks each has a test file and docs. */
export const RULES: readonly Rule[] = [
  admissionPolicy,
  apiValidation,
  clusterAdminBinding,
  clusterScopedNamespace,
  crdSchema,
  crdValidation,
  deprecatedApi,
  duplicateResource,
  hostpathVolume,
  imageTag,
  ingressBackend,
  missingReference,
  nodeportConflict,
  nodeportRange,
  objectSize,
  plaintextCredentialEnv,
  probes,
  resources,
  rwoClaimShared,
  schema,
  secretInGit,
  serviceSelector,
  serviceTargetPort,
  statefulsetServiceName,
  statefulsetStorage,
  workloadSelector,
];

/** Checks that run before rules (on the YAML itself) or on policy; listed for `explain` and SARIF. */
export const BUILT_IN_CHECKS: readonly RuleMeta[] = [
  {
    id: "policy-exemption-expired",
    defaultSeverity: "error",
    description: "An exemption in policies/ is past its expiry date.",
    rationale: "Exemptions are reviewed decisions with a shelf life; once expired, the exempted problem must be fixed or the exemption reviewed again.",
    remediation: "Fix the resource and delete the exemption, or have the platform team review it and set a new `expires` date.",
  },
  {
    id: "yaml-ambiguity",
    defaultSeverity: "warning",
    description: "A plain scalar that YAML 1.1 (kubectl) and YAML 1.2 read differently, such as `no`, `on` or `0755`.",
    rationale: "kubectl reads YAML 1.1: `no` is false and `0755` is 493 there, while editors and many tools read YAML 1.2 strings or decimals. The manifest means different things to different readers.",
    remediation: "Quote the value (`\"no\"`, `\"0755\"`) or write the number plainly (`493`).",
  },
  {
    id: "yaml-syntax",
    defaultSeverity: "error",
    description: "The file is not valid YAML, or a document is not a Kubernetes object (a mapping with apiVersion and kind).",
    rationale: "Tabs, duplicate keys and alias bombs are rejected or misread by kubectl and kustomize; a document without apiVersion and kind cannot be applied.",
    remediation: "Fix the YAML at the position shown: indent with spaces, remove the duplicate key, give each document apiVersion and kind.",
  },
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
