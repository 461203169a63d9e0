import { buildReport } from "../lint/build-report.js";
import { diagnosticFindings } from "../lint/diagnostic-findings.js";
import { RULES } from "../lint/rules/index.js";
import { loadPolicies } from "../policy/load-policies.js";
import { unknownPolicyClusters } from "../policy/policy-clusters.js";
import { discoverClusterFiles } from "../repo/discover-clusters.js";
import { posix } from "node:path";
import type { LintReport } from "../report/lint-report.js";
import type { TreeChange } from "../tree/tree-changes.js";
import { checkRepository } from "./check-repository.js";

export interface CheckOptions {
  /** Cluster files to check; undefined: the whole repository. */
  clusters?: readonly string[];
  failOn: "error" | "warning";
  /** YYYY-MM-DD, to judge exemption expiry. */
  today: string;
}

export interface CheckRun {
  /** Every problem as a finding: input errors, generated-tree problems and lint findings. */
  report: LintReport;
  /**
   * Text for code frames: rendered files (path -> content), except those committed with other
   * content, whose stale-file findings point at the committed lines on disk.
   */
  files: Map<string, string>;
  changes: TreeChange[];
  /** Generated files compared. */
  fileCount: number;
  /** Clusters rendered, compared and linted; and those stopped by input errors. */
  clusters: number;
  broken: number;
}

/**
 * `kforge check` as one report, shared by `check` and `comment` so that every format and the
 * pull request comment say the same: a policy, cluster, blueprint or values error is a finding
 * and the rest of the repository is still checked; a stale, missing or hand-edited generated file
 * is a finding at its line. The run fails exactly when the report does.
 */
export async function checkReport(root: string, options: CheckOptions): Promise<CheckRun> {
  const { policy, diagnostics: policyProblems } = await loadPolicies(root);
  const check = await checkRepository(root, policy, options.today, options.clusters);
  const clusterNames = (await discoverClusterFiles(root)).map((file) => posix.basename(posix.dirname(file)));
  const policyClusters = unknownPolicyClusters(policy, clusterNames);
  const problems = [...policyProblems, ...policyClusters, ...check.inputProblems, ...check.treeProblems, ...check.lintProblems];
  const findings = [...diagnosticFindings(problems), ...check.treeFindings, ...check.findings];
  const report = buildReport(findings, check.targets, RULES, options.failOn, check.exempted);
  report.command = "check";
  const onDisk = new Set(check.changes.filter((c) => c.kind === "update").map((c) => c.path));
  return { report, files: new Map(check.files.filter(([path]) => !onDisk.has(path))), changes: check.changes, fileCount: check.files.length, clusters: check.clusters, broken: check.broken.length };
}
