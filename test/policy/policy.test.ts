import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeRepo, runCli } from "../helpers/temp-repo.js";

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: apps}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:latest
`;

const policy = (spec: string) => `apiVersion: kforge.dev/v1alpha1
kind: Policy
metadata: {name: test}
spec:
${spec}`;

async function lint(files: Record<string, string>) {
  const root = makeRepo({ "manifests/web.yaml": DEPLOYMENT, ...files });
  const result = await runCli(["lint", "manifests", "--format", "json"], root);
  const findings = result.stdout ? (JSON.parse(result.stdout).findings as { ruleId: string; severity: string; file: string; line: number; column: number; message: string }[]) : [];
  return { ...result, findings, summary: result.stdout ? JSON.parse(result.stdout).summary : undefined };
}

describe("policies/*.yaml", () => {
  beforeEach(() => {
    process.env.KFORGE_TODAY = "2026-06-01";
  });
  afterEach(() => {
    delete process.env.KFORGE_TODAY;
  });

  it("without a policy, rules run at their default severity", async () => {
    const { findings, code } = await lint({});
    expect(findings.find((f) => f.ruleId === "image-tag")?.severity).toBe("warning");
    expect(findings.some((f) => f.ruleId === "probes")).toBe(true);
    expect(code).toBe(0);
  });

  it("sets severities and turns rules off", async () => {
    const { findings, code } = await lint({ "policies/a.yaml": policy("  rules:\n    image-tag: error\n    probes: off\n    resources: {severity: info}\n") });
    expect(findings.find((f) => f.ruleId === "image-tag")?.severity).toBe("error");
    expect(findings.some((f) => f.ruleId === "probes")).toBe(false);
    expect(findings.filter((f) => f.ruleId === "resources").every((f) => f.severity === "info")).toBe(true);
    expect(code).toBe(1);
  });

  it("applies later files over earlier ones", async () => {
    const { findings } = await lint({
      "policies/a.yaml": policy("  rules:\n    image-tag: error\n"),
      "policies/b.yaml": policy("  rules:\n    image-tag: off\n"),
    });
    expect(findings.some((f) => f.ruleId === "image-tag")).toBe(false);
  });

  it("drops findings an exemption covers, until it expires; then the exemption is an error", async () => {
    const exemption = (expires: string) =>
      policy(`  exemptions:\n    - rule: image-tag\n      resource: {kind: Deployment, namespace: apps, name: web}\n      reason: the vendor publishes only latest for now\n      expires: "${expires}"\n`);
    const active = await lint({ "policies/a.yaml": exemption("2026-12-31") });
    expect(active.findings.some((f) => f.ruleId === "image-tag")).toBe(false);
    expect(active.summary.exempted).toBe(1);
    const expired = await lint({ "policies/a.yaml": exemption("2026-05-31") });
    expect(expired.findings.some((f) => f.ruleId === "image-tag")).toBe(true);
    expect(expired.findings.find((f) => f.ruleId === "policy-exemption-expired")).toMatchObject({ severity: "error", file: "policies/a.yaml", line: 9, column: 16 });
    expect(expired.code).toBe(1);
  });

  it("lets the platform team lower the expired-exemption severity", async () => {
    const { findings } = await lint({
      "policies/a.yaml": policy(`  rules:\n    policy-exemption-expired: warning\n  exemptions:\n    - rule: image-tag\n      resource: {kind: Deployment, name: web}\n      reason: the vendor publishes only latest for now\n      expires: "2026-01-01"\n`),
    });
    expect(findings.find((f) => f.ruleId === "policy-exemption-expired")?.severity).toBe("warning");
  });

  it("rejects an unknown rule with a suggestion and exit 2", async () => {
    const { code, stderr } = await lint({ "policies/a.yaml": policy("  rules:\n    image-tags: error\n") });
    expect(code).toBe(2);
    expect(stderr).toContain("policies/a.yaml:6:5: error: unknown rule `image-tags` (did you mean `image-tag`?)");
  });

  it("rejects an exemption for an unknown rule with a suggestion", async () => {
    const { code, stderr } = await lint({ "policies/a.yaml": policy(`  exemptions:\n    - rule: image-tagg\n      resource: {kind: Deployment, name: web}\n      reason: the vendor publishes only latest for now\n      expires: "2026-12-31"\n`) });
    expect(code).toBe(2);
    expect(stderr).toContain("policies/a.yaml:6:7: error: exemption for unknown rule `image-tagg` (did you mean `image-tag`?)");
  });

  it("rejects invalid rule options and invalid policy files with positions", async () => {
    const options = await lint({ "policies/a.yaml": policy("  rules:\n    hostpath-volume: {options: {allowedPaths: 3}}\n") });
    expect(options.code).toBe(2);
    expect(options.stderr).toContain("options of rule `hostpath-volume` are invalid");
    const shape = await lint({ "policies/a.yaml": policy("  exemptions:\n    - rule: image-tag\n      resource: {kind: Deployment, name: web}\n      reason: short\n      expires: soon\n") });
    expect(shape.code).toBe(2);
    expect(shape.stderr).toContain("policies/a.yaml:9:16: error: invalid policy file:");
  });
});
