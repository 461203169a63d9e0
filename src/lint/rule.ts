import type { FieldPath, Resource } from "../resources/resource.js";
import type { Severity } from "./finding.js";

/** What a rule knows about the place its resources will run. */
export interface LintTarget {
  /** "1.18", "1.30", ... */
  kubernetesVersion: string;
  /** Inclusive node port range. */
  nodePortRange: { min: number; max: number };
  /**
   * Objects that exist in the cluster but not in the linted set. Namespaced ones are
   * "namespace/name" strings.
   */
  provided: {
    storageClasses: string[];
    namespaces: string[];
    secrets?: string[];
    configMaps?: string[];
    serviceAccounts?: string[];
    persistentVolumeClaims?: string[];
  };
  /**
   * "cluster": the set is the whole cluster (a render plus `provided`);
   * "files": arbitrary manifests, objects may exist elsewhere.
   */
  mode: "cluster" | "files";
  /**
   * The repository's admission policies for this cluster (policies/admission/): their
   * ValidatingAdmissionPolicies, bindings and parameter objects, read from their own files and
   * not part of the linted set.
   */
  admission?: readonly Resource[];
  /**
   * CustomResourceDefinitions installed in the cluster but not in the linted set: the imported
   * CRD sets a cluster file names in spec.schemas.crds, or (files mode) every imported set.
   * Custom resources of their kinds are validated like those of CRDs in the set.
   */
  crds?: readonly Resource[];
}

/** A problem a rule reports; the runner adds rule id, severity, positions and remediation. */
export interface RuleReport {
  resource: Resource;
  /** Field the problem is about; the finding points at its value node. */
  path: FieldPath;
  message: string;
  /** Overrides the rule's default severity for this report (e.g. deprecated vs removed). */
  severity?: Severity;
  /** Overrides the rule's default remediation text. */
  remediation?: string;
}

export interface RuleContext {
  /** Every resource in the linted set: cross-resource rules judge the whole set. */
  resources: readonly Resource[];
  target: LintTarget;
  /** Rule options from policy, already checked against `meta.optionsSchema`. */
  options: Record<string, unknown>;
  report(report: RuleReport): void;
}

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** One line: what the rule finds. */
  description: string;
  /** Why it matters (shown by `kforge explain`). */
  rationale: string;
  /** How to fix it. */
  remediation: string;
  /** A short example (YAML and the finding it gives), shown by `kforge explain` after the fix. */
  example?: string;
  /** JSON Schema of the rule's options in policy files. */
  optionsSchema?: Record<string, unknown>;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}
