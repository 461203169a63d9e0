import { resourceId, type Resource } from "../resources/resource.js";
import type { Finding, Severity } from "./finding.js";
import type { LintTarget, Rule, RuleReport } from "./rule.js";

/** How policy configures one rule for one run. */
export interface RuleSetting {
  /** "default" keeps the rule's own choice (its default, or per-report severity). */
  severity: Severity | "off" | "default";
  options: Record<string, unknown>;
}

export interface RunRulesInput {
  rules: readonly Rule[];
  resources: readonly Resource[];
  target: LintTarget;
  /** Per rule id; rules without an entry run at their default severity with no options. */
  settings?: ReadonlyMap<string, RuleSetting>;
  cluster?: string;
}

/** Runs every enabled rule over the whole set and turns reports into positioned findings. */
export function runRules(input: RunRulesInput): Finding[] {
  const findings: Finding[] = [];
  for (const rule of input.rules) {
    const setting = input.settings?.get(rule.meta.id);
    if (setting?.severity === "off") continue;
    const report = (r: RuleReport) => findings.push(toFinding(rule, setting, r, input.cluster));
    rule.check({ resources: input.resources, target: input.target, options: setting?.options ?? {}, report });
  }
  return findings;
}

function toFinding(rule: Rule, setting: RuleSetting | undefined, report: RuleReport, cluster: string | undefined): Finding {
  const span = report.resource.locate(report.path);
  const configured = setting?.severity;
  const finding: Finding = {
    ruleId: rule.meta.id,
    // A policy severity overrides the rule's choice; the rule's per-report choice (e.g. removed
    // vs deprecated) overrides its default.
    severity: configured && configured !== "off" && configured !== "default" ? configured : (report.severity ?? rule.meta.defaultSeverity),
    message: report.message,
    file: report.resource.file,
    ...span,
    resource: resourceId(report.resource.object),
    remediation: report.remediation ?? rule.meta.remediation,
  };
  const source = report.resource.origin(report.path);
  if (source) finding.source = source;
  if (cluster) finding.cluster = cluster;
  return finding;
}

/** Stable order: file, line, column, rule id. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}
