import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { applyExemptions, ruleSettings } from "../policy/apply-policy.js";
import type { Policy } from "../policy/policy.js";
import type { ManifestProblem } from "../resources/parse-manifests.js";
import type { Resource } from "../resources/resource.js";
import type { Finding, Severity } from "./finding.js";
import type { LintTarget, Rule } from "./rule.js";
import { BUILT_IN_CHECKS } from "./rules/index.js";
import { runRules, type RuleSetting } from "./run-rules.js";

export interface LintSetInput {
  resources: readonly Resource[];
  /** YAML problems found while parsing the linted files. */
  problems?: readonly ManifestProblem[];
  target: LintTarget;
  rules: readonly Rule[];
  policy: Policy;
  /** Cluster name in cluster mode (selects per-cluster policy and exemptions). */
  cluster?: string;
  /** YYYY-MM-DD, to judge exemption expiry. */
  today: string;
}

export interface LintSetResult {
  findings: Finding[];
  exempted: number;
  /** Policy configuration errors (unknown rule, invalid options): usage errors, exit 2. */
  diagnostics: Diagnostic[];
}

/** Lints one universe of resources (a cluster's render, or all given files) in one pass. */
export function lintSet(input: LintSetInput): LintSetResult {
  // Built-in checks (yaml-syntax, ...) take policy settings like rules do.
  const configurable = [...input.rules, ...BUILT_IN_CHECKS.map((meta) => ({ meta, check: () => undefined }))];
  const { settings, diagnostics } = ruleSettings(input.policy, configurable, input.cluster);
  const findings = runRules({ rules: input.rules, resources: input.resources, target: input.target, settings, cluster: input.cluster });
  for (const problem of input.problems ?? []) {
    const severity = severityFor(settings.get(problem.code), problem.severity);
    if (severity === "off") continue;
    findings.push({ ruleId: problem.code, severity, message: problem.message, file: problem.file, ...problem.span, ...(input.cluster ? { cluster: input.cluster } : {}) });
  }
  const { kept, exempted } = applyExemptions(findings, input.policy, input.cluster, input.today);
  return { findings: kept, exempted, diagnostics };
}

function severityFor(setting: RuleSetting | undefined, fallback: Severity): Severity | "off" {
  return !setting || setting.severity === "default" ? fallback : setting.severity;
}
