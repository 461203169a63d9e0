import { checkReport } from "../check/check-report.js";
import type { Finding } from "../lint/finding.js";
import { describeResource } from "../resources/resource.js";
import type { ReportFinding, ReportInput } from "./report-input.js";

/**
 * The report `kforge check` makes (check-report.ts), made in-process for a comment when no
 * `--input` is given: input errors, stale generated files and lint findings alike, so the
 * comment says exactly what `check` says.
 */
export async function localReport(root: string, today: string): Promise<ReportInput> {
  const { report } = await checkReport(root, { failOn: "error", today });
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
