import { describe, expect, it } from "vitest";
import { clusterYaml, MINI_BLUEPRINT } from "../helpers/mini-blueprint.js";
import { makeRepo, runCli } from "../helpers/temp-repo.js";

const POLICY = `apiVersion: kforge.dev/v1alpha1
kind: Policy
metadata: {name: platform}
spec:
  clusters:
    prdo:
      rules:
        image-tag: warning
  exemptions:
    - rule: image-tag
      cluster: prod-eu
      resource: {kind: Deployment, namespace: apps, name: web}
      reason: the vendor publishes only latest for now
      expires: "2030-01-01"
`;

function repo(): string {
  return makeRepo({
    ...MINI_BLUEPRINT,
    "policies/platform.yaml": POLICY,
    "clusters/prod/cluster.yaml": clusterYaml("prod", "    - name: web\n      blueprint: mini\n      namespace: apps\n      values: {image: nginx:1.27}\n", "  provided: {namespaces: [apps]}\n"),
  });
}

describe("cluster names in policies", () => {
  it("are findings in check when no cluster has them, with the likely name", async () => {
    const root = repo();
    expect((await runCli(["render"], root)).code).toBe(0);
    const check = await runCli(["check", "--format", "json"], root);
    expect(check.code).toBe(1);
    const findings = (JSON.parse(check.stdout) as { findings: { ruleId: string; file: string; line: number; column: number; message: string }[] }).findings;
    expect(findings.filter((f) => f.ruleId === "policy-schema")).toEqual([
      expect.objectContaining({ file: "policies/platform.yaml", line: 6, column: 5, message: "settings for cluster `prdo`, which is not in clusters/ (did you mean `prod`?)" }),
      expect.objectContaining({ file: "policies/platform.yaml", line: 10, message: "an exemption for cluster `prod-eu`, which is not in clusters/" }),
    ]);
  });

  it("stop lint in cluster mode like any policy error, and are not judged when linting files", async () => {
    const root = repo();
    const lint = await runCli(["lint"], root);
    expect(lint.code).toBe(2);
    expect(lint.stderr).toContain("policies/platform.yaml:6:5: error: settings for cluster `prdo`, which is not in clusters/ (did you mean `prod`?)");
    const files = await runCli(["lint", "blueprints"], root);
    expect(files.stderr).not.toContain("prdo");
  });
});
