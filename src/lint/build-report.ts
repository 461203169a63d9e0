import type { LintReport, LintedTarget } from "../report/lint-report.js";
import { CODE_METAS } from "./code-catalog.js";
import { SEVERITY_RANK, type Finding } from "./finding.js";
import type { Rule } from "./rule.js";
import { BUILT_IN_CHECKS } from "./rules/index.js";
import { sortFindings } from "./run-rules.js";

/** Assembles findings of one run into the report every format prints. */
export function buildReport(findings: Finding[], targets: LintedTarget[], rules: readonly Rule[], failOn: "error" | "warning", exempted: number): LintReport {
  const sorted = sortFindings(findings);
  const count = (severity: Finding["severity"]) => sorted.filter((f) => f.severity === severity).length;
  return {
    findings: sorted,
    // Codes of input and tree problems are described like rules when the report has them.
    rules: [...rules.map((r) => r.meta), ...BUILT_IN_CHECKS, ...CODE_METAS.filter((m) => sorted.some((f) => f.ruleId === m.id))].sort((a, b) => (a.id < b.id ? -1 : 1)),
    targets,
    summary: {
      errors: count("error"),
      warnings: count("warning"),
      infos: count("info"),
      filesWithFindings: new Set(sorted.map((f) => f.file)).size,
      resources: targets.reduce((n, t) => n + t.resources, 0),
      failOn,
      failed: sorted.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]),
      exempted,
    },
  };
}
