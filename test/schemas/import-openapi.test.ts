import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeRepo, runCli, writeFiles } from "../helpers/temp-repo.js";
import { MINI_BLUEPRINT, clusterYaml } from "../helpers/mini-blueprint.js";
import { EXPECTED_137, findingsOf, MANIFESTS_137, writeV2, writeV3Folder } from "./openapi-fixtures.js";

async function importAndLint(source: (dir: string) => string) {
  const root = makeRepo({ "manifests/app.yaml": MANIFESTS_137 });
  const imported = await runCli(["schemas", "import", "--kube-version", "1.37", "--openapi", source(root)], root);
  const lint = await runCli(["lint", "manifests", "--kube-version", "1.37"], root);
  return { root, imported, lint };
}

describe("kforge schemas import --kube-version --openapi", () => {
  it("imports an OpenAPI v2 document, and lint --kube-version 1.37 validates with it", async () => {
    const { root, imported, lint } = await importAndLint(writeV2);
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    expect(imported.stdout).toBe("kforge schemas import: wrote schemas/imported/kubernetes-1.37.json (3 kinds, 5 definitions) from OpenAPI v2 document swagger.json.\n");
    expect(findingsOf(lint.stdout, "schema")).toEqual(EXPECTED_137);
    expect(lint.stdout).toContain("schemas Kubernetes 1.37 (imported)");
    expect(lint.code).toBe(1);
    const text = readFileSync(join(root, "schemas/imported/kubernetes-1.37.json"), "utf8");
    const lines = text.split("\n");
    expect(lines.slice(0, 5)).toEqual(["{", '  "format": "kforge.dev/imported-kubernetes-schemas/v1",', '  "kubernetesVersion": "1.37",', '  "source": "OpenAPI v2 document swagger.json",', '  "importedWith": "kforge schemas import",']);
    // One definition per line, sorted, descriptions and defaults dropped.
    expect(lines.filter((l) => l.startsWith('    "') && l.includes('"type":')).map((l) => l.trim().split('"')[1])).toEqual(["apps.v1.Deployment", "apps.v1.DeploymentSpec", "core.v1.ConfigMap", "core.v1.Namespace", "meta.v1.ObjectMeta"]);
    expect(text).not.toContain("description");
    expect(text).not.toContain('"default"');
    expect(JSON.parse(text).kinds).toEqual({ "apps/v1": { Deployment: "apps.v1.Deployment" }, v1: { ConfigMap: "core.v1.ConfigMap", Namespace: "core.v1.Namespace" } });
  });

  it("imports a folder of OpenAPI v3 documents to the same schemas", async () => {
    const v2 = await importAndLint(writeV2);
    const v3 = await importAndLint(writeV3Folder);
    expect(v3.imported.stdout).toBe("kforge schemas import: wrote schemas/imported/kubernetes-1.37.json (3 kinds, 5 definitions) from OpenAPI v3 folder v3 (2 documents).\n");
    expect(findingsOf(v3.lint.stdout, "schema")).toEqual(EXPECTED_137);
    const definitions = (root: string) => JSON.parse(readFileSync(join(root, "schemas/imported/kubernetes-1.37.json"), "utf8")).definitions;
    expect(definitions(v3.root)).toEqual(definitions(v2.root));
  });

  it("accepts valid manifests for the imported version", async () => {
    const root = makeRepo({ "ok.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: b}\n" });
    await runCli(["schemas", "import", "--kube-version", "1.37", "--openapi", writeV2(root)], root);
    const lint = await runCli(["lint", "ok.yaml", "--kube-version", "1.37"], root);
    expect(lint.stdout).toContain("Kubernetes 1.37");
    expect(lint.code).toBe(0);
  });

  it("lets a cluster file target the imported version", async () => {
    const root = makeRepo({ ...MINI_BLUEPRINT, "clusters/dev/cluster.yaml": clusterYaml("dev", "    - {name: app, blueprint: mini, namespace: web, values: {image: nginx:1.27.0}}\n").replace('"1.18"', '"1.37"') });
    const before = await runCli(["render"], root);
    expect(before.code).toBe(1);
    expect(before.stderr).toContain("clusters/dev/cluster.yaml:5:22: error: Kubernetes 1.37 is newer than the schemas this kforge ships");
    expect(before.stderr).toContain("to add it, run `kforge schemas import --kube-version 1.37 --openapi <swagger.json or v3 folder> (or --from-cluster)`");
    writeV2(root);
    expect((await runCli(["schemas", "import", "--kube-version", "1.37", "--openapi", "swagger.json"], root)).code).toBe(0);
    const after = await runCli(["render"], root);
    expect(after.stderr).toBe("");
    expect(after.code).toBe(0);
    const lint = await runCli(["lint"], root);
    expect(lint.stdout).toContain("Kubernetes 1.37");
    expect(findingsOf(lint.stdout, "schema")).toEqual([]);
  });

  it("says how to add a version that is neither shipped nor imported", async () => {
    const result = await runCli(["lint", "x.yaml", "--kube-version", "1.40"], makeRepo({ "x.yaml": "" }));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("to add it, run `kforge schemas import --kube-version 1.40 --openapi <swagger.json or v3 folder> (or --from-cluster)`");
  });

  it("replaces a shipped version only with --force, and says so", async () => {
    const root = makeRepo({});
    writeV2(root, "v1.30.4");
    const refused = await runCli(["schemas", "import", "--kube-version", "1.30", "--openapi", "swagger.json"], root);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("kforge ships the schemas of Kubernetes 1.30; importing 1.30 replaces them for this repository: pass --force to do that");
    const forced = await runCli(["schemas", "import", "--kube-version", "1.30", "--openapi", "swagger.json", "--force"], root);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain("; it replaces the shipped schemas of Kubernetes 1.30 in this repository.");
    writeFiles(root, { "s.yaml": "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n" });
    const lint = await runCli(["lint", "s.yaml", "--kube-version", "1.30"], root);
    expect(findingsOf(lint.stdout, "schema")).toEqual(["2:7 no schema for v1 Secret: not a Kubernetes 1.30 kind, and no CustomResourceDefinition in the linted files defines it; it was not validated"]);
  });

  it("reports input that is not JSON at its line and column, and input that is not the Kubernetes API", async () => {
    const root = makeRepo({ "bad.json": '{\n  "definitions": {\n    "a": x\n  }\n}\n', "other.json": '{"openapi": "3.0.0"}', "v3/readme.txt": "" });
    const bad = await runCli(["schemas", "import", "--kube-version", "1.37", "--openapi", "bad.json"], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('kforge schemas import: bad.json:3:10: not JSON: unexpected "x" where a value belongs\n');
    const other = await runCli(["schemas", "import", "--kube-version", "1.37", "--openapi", "other.json"], root);
    expect(other.stderr).toContain('other.json: neither an OpenAPI v2 document (no "definitions") nor an OpenAPI v3 one');
    const empty = await runCli(["schemas", "import", "--kube-version", "1.37", "--openapi", "v3"], root);
    expect(empty.stderr).toContain("--openapi v3: the folder has no OpenAPI v3 document");
    const missing = await runCli(["schemas", "import", "--kube-version", "1.37", "--openapi", "nope.json"], root);
    expect(missing.stderr).toBe("kforge schemas import: --openapi nope.json: no such file or folder\n");
    writeFileSync(join(root, "nokinds.json"), JSON.stringify({ definitions: { "io.k8s.api.core.v1.Thing": { type: "object" } } }));
    const noKinds = await runCli(["schemas", "import", "--kube-version", "1.37", "--openapi", "nokinds.json"], root);
    expect(noKinds.stderr).toContain("defines no Kubernetes kind");
  });

  it("reports a malformed imported file at its line when a command starts", async () => {
    const root = makeRepo({ "schemas/imported/kubernetes-1.37.json": '{\n  "format": "kforge.dev/imported-kubernetes-schemas/v1",\n  "kinds": {,\n}', "x.yaml": "" });
    const result = await runCli(["lint", "x.yaml", "--kube-version", "1.37"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('kforge lint: schemas/imported/kubernetes-1.37.json:3:13: not JSON: unexpected "," where a property name in double quotes belongs\n');
  });

  it("refuses unclear command lines", async () => {
    const root = makeRepo({});
    expect((await runCli(["schemas", "import", "--kube-version", "1.37"], root)).stderr).toContain("--kube-version needs one of --openapi PATH or --from-cluster");
    expect((await runCli(["schemas", "import", "--kube-version", "two", "--from-cluster"], root)).stderr).toContain('--kube-version two: not a Kubernetes version');
    expect((await runCli(["schemas", "export"], root)).stderr).toContain('unknown subcommand "export": kforge schemas has one, import');
    expect((await runCli(["schemas", "import"], root)).stderr).toContain("say what to import");
  });
});

describe("the version the documents state", () => {
  it("must be the version imported", async () => {
    const root = makeRepo({});
    writeV2(root);
    const result = await runCli(["schemas", "import", "--kube-version", "1.38", "--openapi", "swagger.json"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("kforge schemas import: OpenAPI v2 document swagger.json describes Kubernetes v1.37.0 (info.version), not 1.38; import it as --kube-version 1.37, or give the API of 1.38\n");
  });
});
