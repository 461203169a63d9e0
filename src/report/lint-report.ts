import type { Finding } from "../lint/finding.js";
import type { RuleMeta } from "../lint/rule.js";

/** What one lint run found, ready for any output format. */
export interface LintReport {
  findings: Finding[];
  summary: LintSummary;
  /** Metadata of every rule that ran (for SARIF rule descriptors and docs links). */
  rules: RuleMeta[];
  /** One entry per linted cluster (cluster mode) or one for the linted files. */
  targets: LintedTarget[];
  /** The command that made it, for headings ("kforge check"); lint when absent. */
  command?: "lint" | "check";
}

export interface LintSummary {
  errors: number;
  warnings: number;
  infos: number;
  /** Distinct files with at least one finding. */
  filesWithFindings: number;
  resources: number;
  /** Severity at or above which the run fails. */
  failOn: "error" | "warning";
  failed: boolean;
  /** Findings dropped by policy exemptions. */
  exempted: number;
}

export interface LintedTarget {
  /** Cluster name, or "files" when linting paths. */
  name: string;
  kubernetesVersion: string;
  /** Which Kubernetes schema set validated it, e.g. "kubernetes-types 1.18". */
  schemaSet: string;
  resources: number;
}

export interface FormatOptions {
  color: boolean;
  /** Text of a file for code frames: rendered files from memory, others from disk. */
  readSource: (file: string) => string | undefined;
}

export type Formatter = (report: LintReport, options: FormatOptions) => string;
