import type { Severity } from "../lint/finding.js";

/**
 * What a pull request report shows, whether it came from `kforge check` run in-process or from
 * JSON files (`kforge check --format json`, `kforge diff --format json`) written by another job.
 * Strings here are raw text; escaping happens when the comment body is built.
 */
export interface ReportInput {
  /** Every finding of the check, when a check result is part of the input. */
  check?: CheckPart;
  diff?: DiffPart;
}

export interface CheckPart {
  findings: ReportFinding[];
  /** How many findings the input had before size caps. */
  totalFindings: number;
  errors: number;
  warnings: number;
  infos: number;
  resources: number;
  exempted: number;
  failed: boolean;
  targets: ReportTarget[];
}

export interface DiffPart {
  /** The ref the pull request is compared with, e.g. `origin/main`. */
  base: string;
  /** Why lint was not compared with the base, when it could not be. */
  lintUnavailable?: string;
  clusters: ClusterDiff[];
  /** Findings the change introduces and fixes (compared with the base). */
  introduced: ReportFinding[];
  fixed: ReportFinding[];
  totalIntroduced: number;
  totalFixed: number;
}

export interface ReportFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** `Kind namespace/name`. */
  resource?: string;
  remediation?: string;
  /** The values entry or template line behind a rendered field. */
  source?: { file: string; line: number; column: number };
  cluster?: string;
}

export interface ReportTarget {
  name: string;
  kubernetesVersion: string;
  resources: number;
}

export interface ClusterDiff {
  name: string;
  /** `compared`, `new`, `deleted`, or `base-failed` (no diff: the base does not render). */
  state: string;
  /** `Kind namespace/name` of each object; lists are capped, counts are not. */
  added: string[];
  removed: string[];
  changed: ResourceChange[];
  counts: { added: number; removed: number; changed: number };
}

export interface ResourceChange {
  resource: string;
  /** Changed field paths, e.g. `spec.replicas`. */
  fields: string[];
  /** Unified diff of the object's YAML. */
  patch?: string;
}

/** Several inputs (one check, one diff, or per-cluster files) as one report. */
export function mergeInputs(inputs: ReportInput[]): ReportInput {
  const merged: ReportInput = {};
  for (const input of inputs) {
    if (input.check) merged.check = merged.check ? mergeCheck(merged.check, input.check) : input.check;
    if (input.diff) merged.diff = merged.diff ? mergeDiff(merged.diff, input.diff) : input.diff;
  }
  return merged;
}

function mergeCheck(a: CheckPart, b: CheckPart): CheckPart {
  return {
    findings: [...a.findings, ...b.findings],
    totalFindings: a.totalFindings + b.totalFindings,
    errors: a.errors + b.errors,
    warnings: a.warnings + b.warnings,
    infos: a.infos + b.infos,
    resources: a.resources + b.resources,
    exempted: a.exempted + b.exempted,
    failed: a.failed || b.failed,
    targets: [...a.targets, ...b.targets],
  };
}

function mergeDiff(a: DiffPart, b: DiffPart): DiffPart {
  return {
    base: a.base || b.base,
    lintUnavailable: a.lintUnavailable ?? b.lintUnavailable,
    clusters: [...a.clusters, ...b.clusters],
    introduced: [...a.introduced, ...b.introduced],
    fixed: [...a.fixed, ...b.fixed],
    totalIntroduced: a.totalIntroduced + b.totalIntroduced,
    totalFixed: a.totalFixed + b.totalFixed,
  };
}
