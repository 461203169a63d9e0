import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { copyExampleRepo } from "../helpers/example-repo.js";
import { runCli, writeFiles } from "../helpers/temp-repo.js";
import { WIDGET_CRD } from "./crd-fixtures.js";
import { findingsOf } from "./openapi-fixtures.js";

/** A blueprint emitting one Widget: size from values, and a misspelt `colour` (rendered with sorted keys, after a two-line header). */
const WIDGET_BLUEPRINT: Record<string, string> = {
  "blueprints/widget/blueprint.yaml": "apiVersion: kforge.dev/v1alpha1\nkind: Blueprint\nmetadata:\n  name: widget\nspec:\n  description: one Widget of the widget operator\n  version: 1.0.0\n",
  "blueprints/widget/values.schema.json": JSON.stringify({ type: "object", additionalProperties: false, properties: { size: { type: "integer", default: 20 } } }),
  "blueprints/widget/templates/widget.yaml.hbs": "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: {{release.name}}\n  namespace: {{release.namespace}}\nspec:\n  size: {{values.size}}\n  colour: red\n",
};

const RELEASE = "    - name: gadget\n      blueprint: widget\n      namespace: shop\n";

/** The example repository with the widget release in prod, and the Widget CRD imported as set "widgets". */
async function exampleWithWidget(crdSets: string | undefined): Promise<string> {
  const root = await copyExampleRepo({ render: false });
  writeFiles(root, { ...WIDGET_BLUEPRINT, "operator/crds.yaml": WIDGET_CRD });
  const file = join(root, "clusters/prod/cluster.yaml");
  const text = readFileSync(file, "utf8").replace("  releases:\n", `${crdSets === undefined ? "" : `  schemas:\n    crds: ${crdSets}\n`}  releases:\n${RELEASE}`);
  writeFileSync(file, text);
  const imported = await runCli(["schemas", "import", "--crds", "widgets", "operator"], root);
  expect(imported.code, imported.stderr).toBe(0);
  return root;
}

describe("a cluster file's spec.schemas.crds", () => {
  it("validates the cluster's custom resources with the CRD sets it names", async () => {
    const root = await exampleWithWidget("[widgets]");
    const render = await runCli(["render", "--cluster", "prod", "--no-cache"], root);
    expect(render.stderr).toBe("");
    expect(render.code).toBe(0);
    const lint = await runCli(["lint", "--cluster", "prod"], root);
    expect(findingsOf(lint.stdout, "schema")).toEqual(["9:11 unknown field `colour` (did you mean `color`?)"]);
    expect(findingsOf(lint.stdout, "crd-validation")).toEqual(['8:1 spec: Invalid value: "object": size must be at most 10']);
    expect(lint.stdout).toMatch(/clusters\/prod\/rendered\/gadget\/[^:]*widget[^:]*:9:11  error  unknown field `colour`/);
    const check = await runCli(["check", "--cluster", "prod"], root);
    expect(findingsOf(check.stdout, "schema")).toEqual(["9:11 unknown field `colour` (did you mean `color`?)"]);
  });

  it("leaves custom resources without a schema when the cluster names no set", async () => {
    const root = await exampleWithWidget(undefined);
    const lint = await runCli(["lint", "--cluster", "prod"], root);
    expect(findingsOf(lint.stdout, "schema")).toEqual(["4:7 no schema for example.com/v1 Widget: not a Kubernetes 1.30 kind, and no CustomResourceDefinition in the linted files defines it; it was not validated"]);
  });

  it("reports a set that is not imported at its line, naming the imported ones", async () => {
    const root = await exampleWithWidget("[widget]");
    const render = await runCli(["render", "--cluster", "prod"], root);
    expect(render.code).toBe(1);
    const line = readFileSync(join(root, "clusters/prod/cluster.yaml"), "utf8").split("\n").findIndex((l) => l.includes("crds: [widget]")) + 1;
    expect(render.stderr).toContain(`clusters/prod/cluster.yaml:${line}:12: error: CRD set "widget" is not imported: the imported sets are widgets (did you mean widgets?)`);
    expect(render.stderr).toContain("import it with `kforge schemas import --crds widget <files or folders>` (or --from-cluster), or remove it");
  });

  it("is a closed object", async () => {
    const root = await exampleWithWidget("[widgets]\n    operators: []");
    const render = await runCli(["render", "--cluster", "prod"], root);
    expect(render.code).toBe(1);
    expect(render.stderr).toContain("clusters/prod/cluster.yaml:26:5: error: invalid cluster file: unknown field `operators` in `spec.schemas` [cluster-schema]\n  hint: allowed fields: crds\n");
  });
});
