import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { buildReport } from "../lint/build-report.js";
import type { Finding } from "../lint/finding.js";
import { lintClusters } from "../lint/lint-clusters.js";
import { RULES } from "../lint/rules/index.js";
import { loadPolicies } from "../policy/load-policies.js";
import { renderClusters } from "../render/render-clusters.js";
import { describeResource } from "../resources/resource.js";
import type { ReportFinding, ReportInput } from "./report-input.js";

/**
 * The check `kforge check` runs (render every cluster, lint each), done in-process for a comment
 * when no `--input` is given. Problems that stop the render or lint are reported as error
 * findings so the pull request shows why there is no lint result, instead of no comment at all.
 */
export async function localReport(root: string, today: string): Promise<ReportInput> {
  const { policy, diagnostics: policyProblems } = await loadPolicies(root);
  if (policyProblems.length > 0) return stopped(policyProblems);
  const render = await renderClusters(root);
  if (render.diagnostics.length > 0) return stopped(render.diagnostics);
  const run = lintClusters(render.clusters, RULES, policy, today);
  if (run.diagnostics.length > 0) return stopped(run.diagnostics);
  const report = buildReport(run.findings, run.targets, RULES, "error", run.exempted);
  const s = report.summary;
  return {
    check: {
      findings: report.findings.map(reportFinding),
      totalFindings: report.findings.length,
      errors: s.errors,
      warnings: s.warnings,
      infos: s.infos,
      resources: s.resources,
      exempted: s.exempted,
      failed: s.failed,
      targets: report.targets.map((t) => ({ name: t.name, kubernetesVersion: t.kubernetesVersion, resources: t.resources })),
    },
  };
}

function reportFinding(f: Finding): ReportFinding {
  const out: ReportFinding = { ruleId: f.ruleId, severity: f.severity, message: f.message, file: f.file, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn };
  if (f.resource) out.resource = describeResource(f.resource);
  if (f.remediation) out.remediation = f.remediation;
  if (f.source) out.source = { file: f.source.file, line: f.source.line, column: f.source.column };
  if (f.cluster) out.cluster = f.cluster;
  return out;
}

function stopped(diagnostics: Diagnostic[]): ReportInput {
  const findings = diagnostics.map(
    (d): ReportFinding => ({ ruleId: d.code, severity: "error", message: d.message, file: d.file, line: d.line, column: d.column, endLine: d.line, endColumn: d.column, remediation: d.hint, cluster: "render" }),
  );
  return {
    check: { findings, totalFindings: findings.length, errors: findings.length, warnings: 0, infos: 0, resources: 0, exempted: 0, failed: true, targets: [] },
  };
}
