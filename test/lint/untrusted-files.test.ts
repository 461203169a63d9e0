import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeRepo, runCli } from "../helpers/temp-repo.js";
import { MAX_SYNTAX_PROBLEMS_PER_FILE } from "../../src/resources/parse-manifests.js";

/** Deterministic pseudo-random bytes, so a failure can be reproduced. */
function noise(length: number, seed: number, alphabet?: string): Buffer {
  const out = Buffer.alloc(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    out[i] = alphabet ? alphabet.charCodeAt(state % alphabet.length) : state & 0xff;
  }
  return out;
}

describe("lint of untrusted files", () => {
  it("200 KB of binary is one error at the first byte that is not text", async () => {
    const root = makeRepo({});
    writeFileSync(join(root, "blob.yaml"), Buffer.concat([Buffer.from("apiVersion: v1\n"), noise(200_000, 7)]));
    const json = await runCli(["lint", "blob.yaml", "--format", "json"], root);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { findings: { ruleId: string; line: number; message: string }[] };
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ ruleId: "yaml-syntax", line: 2 });
    expect(report.findings[0].message).toMatch(/^(invalid UTF-8|NUL character|control character)/);
    expect(json.stdout.length).toBeLessThan(10_000);
  });

  it("text that is not YAML lists at most a screenful of syntax errors, then counts the rest", async () => {
    const root = makeRepo({});
    const garbage = noise(200_000, 11, "ab: -[]{}\n\t'\"&*!|>%@`#,?");
    writeFileSync(join(root, "garbage.yaml"), garbage);
    const result = await runCli(["lint", "garbage.yaml", "--format", "json"], root);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { findings: { ruleId: string; message: string }[] };
    const syntax = report.findings.filter((f) => f.ruleId === "yaml-syntax");
    expect(syntax.length).toBeLessThanOrEqual(MAX_SYNTAX_PROBLEMS_PER_FILE + 1);
    expect(syntax.length).toBeGreaterThan(1);
    if (syntax.length === MAX_SYNTAX_PROBLEMS_PER_FILE + 1) expect(syntax.at(-1)!.message).toMatch(/^\d+ more YAML errors from here on are not listed/);
    expect(result.stdout.length).toBeLessThan(100_000);
  });

  it("a CRD pattern that backtracks catastrophically in JavaScript is matched in linear time (RE2)", async () => {
    const root = makeRepo({
      "crd.yaml": `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                name: {type: string, pattern: '^(a+)+$'}
`,
      // With JavaScript's engine this value takes longer than the universe's age to reject.
      "widget.yaml": `apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: default}\nspec:\n  name: "${"a".repeat(5000)}!"\n`,
    });
    const result = await runCli(["lint", "crd.yaml", "widget.yaml", "--format", "json"], root);
    const report = JSON.parse(result.stdout) as { findings: { ruleId: string; line: number; column: number; message: string }[] };
    const schema = report.findings.filter((f) => f.ruleId === "schema");
    expect(schema).toHaveLength(1);
    expect(schema[0]).toMatchObject({ line: 5, column: 9 });
    expect(schema[0].message).toMatch(/^`a{80}…` does not match the pattern \^\(a\+\)\+\$/);
  });
});
