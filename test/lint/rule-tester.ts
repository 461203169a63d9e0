import { describe, expect, it } from "vitest";
import { parseManifests } from "../../src/resources/parse-manifests.js";
import type { Severity } from "../../src/lint/finding.js";
import type { LintTarget, Rule } from "../../src/lint/rule.js";
import { runRules, sortFindings, type RuleSetting } from "../../src/lint/run-rules.js";

export interface RuleCase {
  name: string;
  /** One or more files of multi-document YAML; a string is one file named case.yaml. */
  yaml: string | Record<string, string>;
  target?: Partial<LintTarget>;
  options?: Record<string, unknown>;
}

export interface ExpectedFinding {
  line: number;
  column: number;
  /** Substring or pattern the message must contain. */
  message?: string | RegExp;
  severity?: Severity;
  file?: string;
  /** Substring or pattern the fix text must contain; `not` lists text it must not contain. */
  remediation?: string | RegExp;
  notRemediation?: string;
}

export interface InvalidRuleCase extends RuleCase {
  errors: ExpectedFinding[];
}

export const DEFAULT_TARGET: LintTarget = {
  kubernetesVersion: "1.30",
  nodePortRange: { min: 30000, max: 32767 },
  provided: { storageClasses: [], namespaces: [] },
  mode: "files",
};

/** Lints the case's YAML with one rule and returns its findings in file/line order. */
export function lintWithRule(rule: Rule, testCase: RuleCase) {
  const files = typeof testCase.yaml === "string" ? { "case.yaml": testCase.yaml } : testCase.yaml;
  const resources = Object.entries(files).flatMap(([file, text]) => {
    const parsed = parseManifests(text, file);
    if (parsed.problems.some((p) => p.code === "yaml-syntax")) {
      throw new Error(`test case "${testCase.name}" has invalid YAML: ${parsed.problems[0].message}`);
    }
    return parsed.resources;
  });
  const target: LintTarget = { ...DEFAULT_TARGET, ...testCase.target, provided: { ...DEFAULT_TARGET.provided, ...testCase.target?.provided } };
  // No severity override: the rule's own per-report severity must be visible in tests.
  const settings = new Map<string, RuleSetting>();
  if (testCase.options) settings.set(rule.meta.id, { severity: "default", options: testCase.options });
  return sortFindings(runRules({ rules: [rule], resources, target, settings }));
}

/** ESLint-style rule test: valid cases report nothing, invalid cases report exactly `errors`. */
export function testRule(rule: Rule, cases: { valid: RuleCase[]; invalid: InvalidRuleCase[] }): void {
  describe(`rule ${rule.meta.id}`, () => {
    it("has complete metadata", () => {
      expect(rule.meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      for (const key of ["description", "rationale", "remediation"] as const) expect(rule.meta[key].length).toBeGreaterThan(10);
    });
    for (const testCase of cases.valid) {
      it(`valid: ${testCase.name}`, () => {
        expect(lintWithRule(rule, testCase).map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual([]);
      });
    }
    for (const testCase of cases.invalid) {
      it(`invalid: ${testCase.name}`, () => {
        const findings = lintWithRule(rule, testCase);
        expect(findings.map((f) => `${f.file}:${f.line}:${f.column}`)).toEqual(
          testCase.errors.map((e) => `${e.file ?? findings[0]?.file ?? "case.yaml"}:${e.line}:${e.column}`),
        );
        testCase.errors.forEach((expected, i) => {
          expect(findings[i].ruleId).toBe(rule.meta.id);
          if (expected.severity) expect(findings[i].severity).toBe(expected.severity);
          if (typeof expected.message === "string") expect(findings[i].message).toContain(expected.message);
          if (expected.message instanceof RegExp) expect(findings[i].message).toMatch(expected.message);
          if (typeof expected.remediation === "string") expect(findings[i].remediation).toContain(expected.remediation);
          if (expected.remediation instanceof RegExp) expect(findings[i].remediation).toMatch(expected.remediation);
          if (expected.notRemediation) expect(findings[i].remediation).not.toContain(expected.notRemediation);
        });
      });
    }
  });
}
