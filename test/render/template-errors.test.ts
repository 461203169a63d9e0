import { describe, expect, it } from "vitest";
import { makeRepo, runCli, snapshot } from "../helpers/temp-repo.js";
import { clusterYaml, MINI_BLUEPRINT } from "../helpers/mini-blueprint.js";

const RELEASE = `    - name: web
      blueprint: mini
      namespace: apps
      values: {image: nginx:1.25}
`;

async function renderWithTemplate(template: string) {
  const root = makeRepo({
    ...MINI_BLUEPRINT,
    "blueprints/mini/templates/extra.yaml.hbs": template,
    "clusters/dev/cluster.yaml": clusterYaml("dev", RELEASE),
  });
  const before = snapshot(root);
  const result = await runCli(["render"], root);
  expect(snapshot(root)).toEqual(before);
  expect(result.code).toBe(1);
  expect(result.stderr).not.toMatch(/at .*\.(ts|js):\d+/); // no stack traces
  return result.stderr;
}

describe("strict templates", () => {
  it("a missing value is an error naming the template file and line, never an empty string", async () => {
    const stderr = await renderWithTemplate("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: {{values.nothere}}\n");
    expect(stderr).toContain("blueprints/mini/templates/extra.yaml.hbs:6:");
    expect(stderr).toContain("`values.nothere` has no value");
    expect(stderr).toContain("[template-missing-value]");
  });

  it("a missing parent object is an error too", async () => {
    const stderr = await renderWithTemplate("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: {{values.deep.er}}\n");
    expect(stderr).toContain("blueprints/mini/templates/extra.yaml.hbs:6:");
    expect(stderr).toContain("extra.yaml.hbs:6:8: error: `values.deep` is not defined (reading `values.deep.er`)");
  });

  it("an unknown helper is a positioned error listing the helpers", async () => {
    const stderr = await renderWithTemplate("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{upper release.name}}\n");
    expect(stderr).toContain("blueprints/mini/templates/extra.yaml.hbs:4:");
    expect(stderr).toContain("unknown helper `upper`");
    expect(stderr).toContain("available helpers: kubeAtLeast");
  });

  it("suggests the value a misspelt path meant", async () => {
    const typo = await renderWithTemplate("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: {{values.imag}}\n");
    expect(typo).toContain("`values.imag` has no value (did you mean `values.image`?)");
    const parent = await renderWithTemplate("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: {{valuse.image}}\n");
    expect(parent).toContain("`valuse` is not defined (reading `valuse.image`) (did you mean `values`?)");
    const nested = await renderWithTemplate("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: {{release.nmae}}\n");
    expect(nested).toContain("(did you mean `release.name`?)");
  });

  it("suggests the helper a misspelt name meant", async () => {
    const stderr = await renderWithTemplate("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{concta release.name \"-x\"}}\n");
    expect(stderr).toContain("unknown helper `concta` (did you mean `concat`?)");
  });

  it("refuses unescaped output", async () => {
    const stderr = await renderWithTemplate("a: {{{values.image}}}\n");
    expect(stderr).toContain("blueprints/mini/templates/extra.yaml.hbs:1:4: error: unescaped output");
  });

  it("refuses partials and the lookup helper", async () => {
    expect(await renderWithTemplate("{{> other}}\n")).toContain("partials are not supported");
    expect(await renderWithTemplate("a: {{lookup values 'image'}}\n")).toContain("unknown helper `lookup`");
  });

  it("keeps prototype access off", async () => {
    const stderr = await renderWithTemplate("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: {{values.constructor}}\n");
    expect(stderr).toContain("extra.yaml.hbs:6:");
  });

  it("reports output that is not YAML at the template line that wrote it", async () => {
    const stderr = await renderWithTemplate("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  name: {{release.name}}\n");
    expect(stderr).toContain("blueprints/mini/templates/extra.yaml.hbs:5:1: error: the template produced invalid YAML: Map keys must be unique (output line 5)");
  });

  it("reports Handlebars syntax errors with their line", async () => {
    const stderr = await renderWithTemplate("a: 1\n{{#if values.image}}\nb: 2\n{{/unless}}\n");
    expect(stderr).toMatch(/extra\.yaml\.hbs:\d+:\d+: error: .*if doesn't match unless/);
  });

  it("rejects anchors and aliases in the output", async () => {
    const stderr = await renderWithTemplate("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: &v one\n  b: *v\n");
    expect(stderr).toContain("extra.yaml.hbs:7:1: error: YAML anchors and aliases are not allowed in template output");
  });

  it("rejects documents without apiVersion, kind and name", async () => {
    expect(await renderWithTemplate("just: data\n")).toContain("every document needs apiVersion, kind and metadata.name");
  });
});
