import type { Severity } from "../lint/finding.js";
import type { Resource } from "../resources/resource.js";
import type { SourceRef } from "../yaml/span.js";

export type SeveritySetting = Severity | "off";

export interface RulePolicy {
  severity?: SeveritySetting;
  options?: Record<string, unknown>;
  /** Where the setting is written, for configuration errors. */
  at: SourceRef;
}

export interface Exemption {
  rule: string;
  cluster?: string;
  resource: { apiVersion?: string; kind: string; namespace?: string; name: string };
  reason: string;
  /** YYYY-MM-DD, inclusive. */
  expires: string;
  approvedBy?: string;
  at: SourceRef;
  /** Position of `expires`, where an expired exemption is reported. */
  expiresAt: SourceRef;
}

/** All policy files merged: later files override earlier ones, exemptions accumulate. */
export interface Policy {
  files: string[];
  rules: Map<string, RulePolicy>;
  clusters: Map<string, Map<string, RulePolicy>>;
  /** Where each `spec.clusters.<name>` key is written (the first file that names it). */
  clusterAt: Map<string, SourceRef>;
  exemptions: Exemption[];
  /** The objects of policies/admission/ (admission policies, bindings, params), for the `admission-policy` rule. */
  admission?: readonly Resource[];
  /** Per cluster, the policies of policies/admission/ it does not run (`spec.clusters.<name>.admission.exclude`). */
  admissionExcluded?: Map<string, Set<string>>;
}

export const EMPTY_POLICY: Policy = { files: [], rules: new Map(), clusters: new Map(), clusterAt: new Map(), exemptions: [] };
