import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeRepo, runCli } from "../helpers/temp-repo.js";
import { findingsOf } from "./openapi-fixtures.js";
import { BAD_WIDGET, WIDGET_CRD } from "./crd-fixtures.js";

const WIDGET_FINDINGS = {
  schema: ["6:11 unknown field `colour` (did you mean `color`?)"],
  "crd-validation": ['4:1 spec: Invalid value: "object": size must be at most 10'],
};

describe("kforge schemas import --crds NAME FILE_OR_FOLDER...", () => {
  it("writes only the CustomResourceDefinitions, and lint PATH validates custom resources with every imported set", async () => {
    const root = makeRepo({
      "operator/crds.yaml": `${WIDGET_CRD}---\napiVersion: v1\nkind: Namespace\nmetadata: {name: operator}\n`,
      "app/widget.yaml": BAD_WIDGET,
    });
    const before = await runCli(["lint", "app"], root);
    expect(findingsOf(before.stdout, "schema")).toEqual(["2:7 no schema for example.com/v1 Widget: not a Kubernetes 1.36 kind, and no CustomResourceDefinition in the linted files defines it; it was not validated"]);
    const imported = await runCli(["schemas", "import", "--crds", "widgets", "operator"], root);
    expect(imported.stderr).toBe("");
    expect(imported.stdout).toBe('kforge schemas import: wrote schemas/imported/crds/widgets.yaml (1 CustomResourceDefinition) from file operator; list "widgets" in a cluster\'s spec.schemas.crds to validate its custom resources.\n');
    const text = readFileSync(join(root, "schemas/imported/crds/widgets.yaml"), "utf8");
    expect(text).toContain("kind: CustomResourceDefinition");
    expect(text).not.toContain("kind: Namespace");
    const after = await runCli(["lint", "app"], root);
    expect(findingsOf(after.stdout, "schema")).toEqual(WIDGET_FINDINGS.schema);
    expect(findingsOf(after.stdout, "crd-validation")).toEqual(WIDGET_FINDINGS["crd-validation"]);
    expect(after.code).toBe(1);
  });

  it("reports an imported CRD whose schema is invalid in the imported file, at the keyword", async () => {
    const root = makeRepo({ "operator/crds.yaml": WIDGET_CRD.replace("size: {type: integer, minimum: 1}", "size: {type: intger, minimum: 1}"), "app/widget.yaml": BAD_WIDGET });
    expect((await runCli(["schemas", "import", "--crds", "widgets", "operator"], root)).code).toBe(0);
    const text = readFileSync(join(root, "schemas/imported/crds/widgets.yaml"), "utf8");
    const line = text.split("\n").findIndex((l) => l.includes("intger")) + 1;
    const lint = await runCli(["lint", "app", "--format", "json"], root);
    const findings = (JSON.parse(lint.stdout) as { findings: { ruleId: string; file: string; line: number; message: string }[] }).findings;
    const crdSchema = findings.filter((f) => f.ruleId === "crd-schema");
    expect(crdSchema.map((f) => `${f.file}:${f.line}`)).toEqual([`schemas/imported/crds/widgets.yaml:${line}`]);
    expect(crdSchema[0].message).toContain("intger");
    expect(findings.some((f) => f.ruleId === "schema" && f.message.includes("was not schema-checked"))).toBe(true);
  });

  it("reports files that are not YAML at their line, and input without CRDs", async () => {
    const root = makeRepo({ "bad.yaml": "a: [1,\n", "none.yaml": "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n" });
    const bad = await runCli(["schemas", "import", "--crds", "x", "bad.yaml"], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^kforge schemas import: bad\.yaml:\d+:\d+: /);
    const none = await runCli(["schemas", "import", "--crds", "x", "none.yaml"], root);
    expect(none.stderr).toBe("kforge schemas import: no CustomResourceDefinition in none.yaml\n");
    const name = await runCli(["schemas", "import", "--crds", "My_Set", "none.yaml"], root);
    expect(name.stderr).toContain('--crds My_Set: a CRD set name is lowercase letters, digits and "-"');
    const both = await runCli(["schemas", "import", "--crds", "x", "none.yaml", "--from-cluster"], root);
    expect(both.stderr).toContain("--crds NAME needs FILE_OR_FOLDER arguments or --from-cluster (one of them)");
  });
});
