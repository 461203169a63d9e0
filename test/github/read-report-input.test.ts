import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/cli/cli-io.js";
import { INPUT_LIMITS, parseReportJson, readReportFiles } from "../../src/github/read-report-input.js";
import { mergeInputs } from "../../src/github/report-input.js";
import { checkJson, diffJson, jsonFinding, writeJsonFiles } from "./report-fixtures.js";

describe("report input", () => {
  it("reads check and diff JSON by their shape and merges them", async () => {
    const dir = writeJsonFiles({ "check.json": checkJson([jsonFinding()]), "diff.json": diffJson() });
    const input = mergeInputs(await readReportFiles(["check.json", "diff.json"], dir));
    expect(input.check).toMatchObject({ errors: 0, warnings: 1, resources: 33, failed: false, totalFindings: 1 });
    expect(input.check!.findings[0]).toEqual({
      ruleId: "image-tag",
      severity: "warning",
      message: "image nginx:latest uses a moving tag",
      file: "clusters/prod/apps/web/deployment.yaml",
      line: 21,
      column: 18,
      endLine: 21,
      endColumn: 30,
      resource: "Deployment web/web",
      remediation: "pin the image to a version or digest",
      source: { file: "clusters/prod/values/web.yaml", line: 3, column: 8 },
      cluster: "prod",
    });
    expect(input.diff!.base).toBe("origin/main");
    expect(input.diff!.clusters[0]).toMatchObject({ name: "prod", added: ["ConfigMap web/web-config"], counts: { added: 1, removed: 0, changed: 1 } });
    expect(input.diff!.clusters[0].changed[0]).toMatchObject({ resource: "Deployment web/web", fields: ["spec.replicas"] });
  });

  it("ignores unknown fields and keeps only known ones", () => {
    const finding = { ...jsonFinding(), extra: "<b>", __proto__x: 1 };
    const input = parseReportJson({ ...checkJson([finding]), future: { anything: true } }, "x");
    expect(Object.keys(input.check!.findings[0])).not.toContain("extra");
    expect(Object.keys(input)).toEqual(["check"]);
  });

  it("accepts resource names given as text in a diff", () => {
    const input = parseReportJson({ clusters: [{ name: "prod", added: ["Service web/web"], changed: [{ resource: "Deployment web/web" }] }] }, "x");
    expect(input.diff!.clusters[0]).toMatchObject({ added: ["Service web/web"], removed: [], changed: [{ resource: "Deployment web/web", fields: [] }] });
  });

  it("rejects JSON of another shape with a message naming the file and the field", () => {
    expect(() => parseReportJson([1, 2], "--input a.json")).toThrow(/--input a\.json: expected the JSON of `kforge check --format json`/);
    expect(() => parseReportJson({ findings: [{ ...jsonFinding(), line: "21" }], summary: { errors: 0, warnings: 0 } }, "--input a.json")).toThrow(
      "--input a.json: /findings/0/line must be integer (is it the output of `kforge check --format json`?)",
    );
    expect(() => parseReportJson({ findings: [], summary: { errors: 0, warnings: 0 } }, "x")).not.toThrow();
    expect(() => parseReportJson({ clusters: [{ name: 3 }] }, "x")).toThrow(UsageError);
  });

  it("says what is wrong with a missing or broken file", async () => {
    const dir = writeJsonFiles({});
    writeFileSync(join(dir, "broken.json"), "{not json");
    await expect(readReportFiles(["missing.json"], dir)).rejects.toThrow("--input missing.json: no such file");
    await expect(readReportFiles(["broken.json"], dir)).rejects.toThrow(/--input broken\.json: not valid JSON/);
  });

  it("caps the number of findings and the length of text", () => {
    const findings = Array.from({ length: INPUT_LIMITS.findings + 5 }, () => jsonFinding({ message: "m".repeat(10_000) }));
    const input = parseReportJson(checkJson(findings), "x");
    expect(input.check!.findings).toHaveLength(INPUT_LIMITS.findings);
    expect(input.check!.totalFindings).toBe(INPUT_LIMITS.findings + 5);
    expect(input.check!.findings[0].message).toHaveLength(INPUT_LIMITS.text);
  });
});
