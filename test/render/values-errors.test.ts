import { describe, expect, it } from "vitest";
import { makeRepo, runCli, snapshot } from "../helpers/temp-repo.js";
import { clusterYaml, MINI_BLUEPRINT } from "../helpers/mini-blueprint.js";

describe("values that fail their schema", () => {
  it("point at the offending inline value in cluster.yaml with what was expected", async () => {
    const root = makeRepo({
      ...MINI_BLUEPRINT,
      "clusters/dev/cluster.yaml": clusterYaml("dev", `    - name: web
      blueprint: mini
      namespace: apps
      values:
        image: nginx:1.25
        replicas: "3"
`),
    });
    const before = snapshot(root);
    const result = await runCli(["render"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("clusters/dev/cluster.yaml:13:19: error:");
    expect(result.stderr).toContain("`replicas` must be an integer, got the string \"3\"");
    expect(result.stderr).toContain("[values-schema]");
    expect(snapshot(root)).toEqual(before);
  });

  it("point at a typo'd key in the values file, with a suggestion", async () => {
    const root = makeRepo({
      ...MINI_BLUEPRINT,
      "clusters/dev/cluster.yaml": clusterYaml("dev", `    - name: web
      blueprint: mini
      namespace: apps
      valuesFile: values/web.yaml
`),
      "clusters/dev/values/web.yaml": "# web values\nimage: nginx:1.25\nreplicass: 2\n",
    });
    const result = await runCli(["render"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("clusters/dev/values/web.yaml:3:1: error:");
    expect(result.stderr).toContain("unknown field `replicass` (did you mean `replicas`?)");
  });

  it("report a missing required value at the release that lacks it", async () => {
    const root = makeRepo({
      ...MINI_BLUEPRINT,
      "clusters/dev/cluster.yaml": clusterYaml("dev", `    - name: web
      blueprint: mini
      namespace: apps
`),
    });
    const result = await runCli(["render"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/clusters\/dev\/cluster\.yaml:8:7: error: .*missing required field `image`/);
  });

  it("reports YAML syntax errors in the cluster file with their position", async () => {
    const root = makeRepo({ ...MINI_BLUEPRINT, "clusters/dev/cluster.yaml": "apiVersion: kforge.dev/v1alpha1\nkind: Cluster\nkind: Again\n" });
    const result = await runCli(["render"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("clusters/dev/cluster.yaml:3:1: error: Map keys must be unique [yaml-syntax]");
  });

  it("rejects a cluster file that does not match the cluster schema", async () => {
    const root = makeRepo({
      ...MINI_BLUEPRINT,
      "clusters/dev/cluster.yaml": clusterYaml("dev", "    []\n").replace('kubernetesVersion: "1.18"', "kubernetesVersion: 1.18"),
    });
    const result = await runCli(["render"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("clusters/dev/cluster.yaml:5:22: error: invalid cluster file: `spec.kubernetesVersion` must be a string, got the number 1.18");
  });

  it("names an unknown blueprint where the release uses it", async () => {
    const root = makeRepo({
      ...MINI_BLUEPRINT,
      "clusters/dev/cluster.yaml": clusterYaml("dev", `    - name: web
      blueprint: nope
      namespace: apps
`),
    });
    const result = await runCli(["render"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('clusters/dev/cluster.yaml:9:18: error: blueprint "nope" not found');
    expect(result.stderr).toMatch(/blueprints: [a-z, -]*\bmini\b/);
  });

  it("suggests the blueprint a misspelt name meant", async () => {
    const root = makeRepo({
      ...MINI_BLUEPRINT,
      "clusters/dev/cluster.yaml": clusterYaml("dev", `    - name: web
      blueprint: minii
      namespace: apps
`),
    });
    const result = await runCli(["check"], root);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/clusters\/dev\/cluster.yaml:9:18 +error +blueprint "minii" not found \(did you mean "mini"\?\)/);
  });
});

describe("cluster files", () => {
  it("reject a Kubernetes version kforge has no schemas for, at its position", async () => {
    const root = makeRepo({
      ...MINI_BLUEPRINT,
      "clusters/dev/cluster.yaml": clusterYaml("dev", "    []\n").replace('kubernetesVersion: "1.18"', 'kubernetesVersion: "1.37"'),
    });
    const result = await runCli(["render"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('clusters/dev/cluster.yaml:5:22: error: Kubernetes 1.37 is newer than the schemas this kforge ships (kforge has schemas for Kubernetes 1.16 to 1.36); use "1.36"');
    expect(result.stderr).not.toContain("internal error");
  });
});

describe("kforge check with input errors", () => {
  const root = () =>
    makeRepo({
      ...MINI_BLUEPRINT,
      "clusters/dev/cluster.yaml": clusterYaml("dev", `    - name: web
      blueprint: mini
      namespace: apps
      values:
        image: nginx:1.25
        replicas: "3"
`),
    });

  it("reports them in every format, so a pull request gets them as annotations and comment rows", async () => {
    const json = await runCli(["check", "--format", "json"], root());
    expect(json.code).toBe(1);
    const findings = JSON.parse(json.stdout).findings;
    expect(findings).toEqual([
      // Never rendered: the fleet ApplicationSet is missing too, which is true whatever the values say.
      expect.objectContaining({ ruleId: "render-missing", severity: "error", file: "clusters/applicationset.yaml", line: 1 }),
      expect.objectContaining({ ruleId: "values-schema", severity: "error", file: "clusters/dev/cluster.yaml", line: 13, column: 19 }),
    ]);
    const github = await runCli(["check", "--format", "github"], root());
    expect(github.stdout).toMatch(/^::error file=clusters\/dev\/cluster\.yaml,line=13,col=19,.*title=kforge values-schema::/m);
  });

  it("prints them like a compiler in text format", async () => {
    const text = await runCli(["check"], root());
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("clusters/dev/cluster.yaml:13:19");
    expect(text.stdout).toContain("`replicas` must be an integer");
  });
});
