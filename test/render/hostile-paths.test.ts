import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { makeRepo, runCli, snapshot } from "../helpers/temp-repo.js";
import { clusterYaml, MINI_BLUEPRINT } from "../helpers/mini-blueprint.js";
import { HAS_KUBECTL } from "../helpers/kubectl.js";


/** A Pod an attacker wants the GitOps engine to apply. */
const INJECTED_POD = "apiVersion: v1\nkind: Pod\nmetadata: {name: pwn, namespace: kube-system}\nspec: {hostNetwork: true, containers: [{name: x, image: evil, securityContext: {privileged: true}}]}\n#";

/** Two clusters: a victim that renders a Deployment, and the cluster a pull request edits. */
function twoClusters(attackerReleases: string, extraFiles: Record<string, string> = {}): string {
  return makeRepo({
    ...MINI_BLUEPRINT,
    "clusters/victim/cluster.yaml": clusterYaml("victim", `    - name: hello-node
      blueprint: mini
      namespace: apps
      values: {image: "nginx:1.25"}
`),
    "clusters/dev/cluster.yaml": clusterYaml("dev", attackerReleases),
    ...extraFiles,
  });
}

/** Every resource `kubectl kustomize` builds from a cluster's tree, as "Kind/namespace/name". */
function kustomizeBuild(root: string, cluster: string): string[] {
  const out = execFileSync("kubectl", ["kustomize", join(root, "clusters", cluster, "rendered")], { encoding: "utf8" });
  return parseAllDocuments(out).map((d) => {
    const o = d.toJS() as { kind: string; metadata: { name: string; namespace?: string } };
    return `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;
  });
}

describe("a values file name cannot inject YAML into a generated file", () => {
  const hostileName = `v.yaml\n---\n${INJECTED_POD}`;
  const releases = `    - name: web
      blueprint: mini
      namespace: apps
      valuesFile: ${JSON.stringify(hostileName)}
`;

  it("render refuses a path with a line break, at its line, and writes nothing", async () => {
    const root = twoClusters(releases);
    // The file exists (git allows line breaks in file names), so only the name is hostile.
    writeFileSync(join(root, "clusters/dev", hostileName), "image: nginx:1.25\n");
    const before = snapshot(join(root, "clusters"));
    const result = await runCli(["render"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/clusters\/dev\/cluster\.yaml:\d+:\d+: error: .*control character/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(join(root, "clusters"))).toEqual(before);
  });

  it("check fails on a tree committed with such a header, and reports the path", async () => {
    const root = twoClusters(releases);
    writeFileSync(join(root, "clusters/dev", hostileName), "image: nginx:1.25\n");
    const result = await runCli(["check", "--format", "json"], root);
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/control character/);
  });
});

describe("a rendered name or namespace cannot leave its cluster folder", () => {
  const nsBlueprint = {
    "blueprints/ns/blueprint.yaml": MINI_BLUEPRINT["blueprints/mini/blueprint.yaml"].replace("name: mini", "name: ns"),
    "blueprints/ns/values.schema.json": JSON.stringify({ type: "object", additionalProperties: false, properties: { ns: { type: "string" }, name: { type: "string" } } }),
    "blueprints/ns/templates/cm.yaml.hbs": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{default values.name \"cm\"}}\n  namespace: {{values.ns}}\ndata: {a: b}\n",
  };
  const cases: Record<string, { ns?: string; name?: string }> = {
    "traversing namespace": { ns: "../../../../../victim/rendered/hello-node/deployment-hello-node" },
    "namespace with a slash": { ns: "a/b" },
    "namespace with a line break": { ns: "apps\nevil" },
    "upper-case namespace": { ns: "Apps" },
    "namespace too long": { ns: "a".repeat(64) },
    "name with a slash": { ns: "apps", name: "a/b" },
    "name with a line break": { ns: "apps", name: "cm\n---" },
    "name of dots": { ns: "apps", name: ".." },
    "name over 253 characters": { ns: "apps", name: "a".repeat(254) },
  };
  for (const [label, values] of Object.entries(cases)) {
    it(`refuses a ${label}, at the values line, and changes no file`, async () => {
      const root = twoClusters(`    - name: web
      blueprint: ns
      namespace: apps
      values: ${JSON.stringify(values)}
`, nsBlueprint);
      expect((await runCli(["render", "--cluster", "victim"], root)).code).toBe(0);
      const before = snapshot(join(root, "clusters"));
      const result = await runCli(["render"], root);
      expect(result.code).toBe(1);
      // The value came from the release's inline values: that is the line the author edited.
      expect(result.stderr).toMatch(/^clusters\/dev\/cluster\.yaml:11:\d+: error: ConfigMap .*(namespace|name) .*\[invalid-name\]/m);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(snapshot(join(root, "clusters"))).toEqual(before);
      expect(existsSync(join(root, "clusters/victim/rendered/hello-node/deployment-hello-node.yaml"))).toBe(true);
      const check = await runCli(["check"], root);
      expect(check.code).toBe(1);
    });
  }

  it("writes a 253-character name (the Kubernetes maximum) to a file name the file system accepts", async () => {
    const name = `${"a".repeat(120)}.${"b".repeat(132)}`;
    expect(name).toHaveLength(253);
    const root = twoClusters(`    - name: web
      blueprint: ns
      namespace: apps
      values: {ns: apps, name: ${name}}
`, nsBlueprint);
    const result = await runCli(["render"], root);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const kustomization = readFileSync(join(root, "clusters/dev/rendered/web/kustomization.yaml"), "utf8");
    const file = /- (configmap-\S+\.yaml)/.exec(kustomization)![1];
    expect(Buffer.byteLength(file)).toBeLessThanOrEqual(255);
    expect(readFileSync(join(root, "clusters/dev/rendered/web", file), "utf8")).toContain(`name: ${name}`);
    expect((await runCli(["check"], root)).code).toBe(0);
    if (HAS_KUBECTL) expect(kustomizeBuild(root, "dev")).toContain(`ConfigMap/apps/${name}`);
  });
});

describe.skipIf(!HAS_KUBECTL)("what kustomize builds is what kforge checked", () => {
  it("the example-shaped tree builds to exactly the rendered resources, no more", async () => {
    const root = twoClusters(`    - name: web
      blueprint: mini
      namespace: apps
      values: {image: "nginx:1.25", data: {evil: ${JSON.stringify(`x\n---\n${INJECTED_POD}`)}}}
`);
    expect((await runCli(["render"], root)).code).toBe(0);
    expect(kustomizeBuild(root, "dev").sort()).toEqual(["ConfigMap/apps/web", "Deployment/apps/web", "Namespace//apps"]);
  });
});
