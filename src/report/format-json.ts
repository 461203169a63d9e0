import type { Finding } from "../lint/finding.js";
import { sortFindings } from "../lint/run-rules.js";
import type { Formatter } from "./lint-report.js";

/**
 * One finding in `--format json`. Every key is always present (null when the finding has no
 * value for it), so consumers such as jq see one fixed shape in files and cluster mode alike.
 */
export interface JsonFinding {
  ruleId: string;
  severity: Finding["severity"];
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  /** Exclusive, like `column` 1-based. */
  endColumn: number;
  /** Null for findings about a file rather than an object (e.g. YAML syntax). */
  resource: { apiVersion: string; kind: string; namespace: string | null; name: string } | null;
  remediation: string | null;
  /** The values entry or template line that produced the field, for rendered resources. */
  source: { file: string; line: number; column: number } | null;
  /** Cluster whose render produced the resource; null when linting files. */
  cluster: string | null;
}

/** `{"findings": [...], "summary": {...}}`, pretty-printed, findings in file/line order. */
export const formatJson: Formatter = (report) => {
  const s = report.summary;
  const output = {
    findings: sortFindings([...report.findings]).map(jsonFinding),
    summary: {
      errors: s.errors,
      warnings: s.warnings,
      infos: s.infos,
      filesWithFindings: s.filesWithFindings,
      resources: s.resources,
      failOn: s.failOn,
      failed: s.failed,
      exempted: s.exempted,
      targets: report.targets.map((t) => ({
        name: t.name,
        kubernetesVersion: t.kubernetesVersion,
        schemaSet: t.schemaSet,
        resources: t.resources,
      })),
    },
  };
  return `${JSON.stringify(output, null, 2)}\n`;
};

// Fields are copied one by one so extra properties on a Finding never leak into the output.
function jsonFinding(f: Finding): JsonFinding {
  const r = f.resource;
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    resource: r ? { apiVersion: r.apiVersion, kind: r.kind, namespace: r.namespace ?? null, name: r.name } : null,
    remediation: f.remediation ?? null,
    source: f.source ? { file: f.source.file, line: f.source.line, column: f.source.column } : null,
    cluster: f.cluster ?? null,
  };
}
