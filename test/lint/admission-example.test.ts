import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { JsonFinding } from "../../src/report/format-json.js";
import { copyExampleInto } from "../helpers/example-repo.js";
import { makeRepo, runCli } from "../helpers/temp-repo.js";
import { editFile } from "../helpers/edit-file.js";

/** The example admission policies (as shipped in policies/admission/), frozen for tests. */
const POLICIES = fileURLToPath(new URL("../fixtures/admission", import.meta.url));
const CLUSTER = "clusters/bjrdc-dev/cluster.yaml";

function exampleWithPolicies(): string {
  const root = makeRepo({});
  copyExampleInto(root);
  cpSync(POLICIES, join(root, "policies/admission"), { recursive: true });
  return root;
}


function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  expect(at, needle).toBeGreaterThanOrEqual(0);
  return text.slice(0, at).split("\n").length;
}

async function check(root: string, expectedExit: number): Promise<JsonFinding[]> {
  expect((await runCli(["render"], root)).code).toBe(0);
  const result = await runCli(["check", "--format", "json"], root);
  expect(result.stderr).toContain("the committed tree is up to date");
  expect(result.code, result.stdout).toBe(expectedExit);
  return (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings.filter((f) => f.ruleId === "admission-policy");
}

describe("the example admission policies on the example clusters", () => {
  it("pass; on bjrdc-dev (Kubernetes 1.18) they are evaluated offline and say the cluster cannot enforce them", async () => {
    const findings = await check(exampleWithPolicies(), 0);
    expect(findings.map((f) => `${f.cluster} ${f.severity} ${f.file}:${f.line}`)).toEqual([
      "bjrdc-dev info policies/admission/harbor-images.yaml:5",
      "bjrdc-dev info policies/admission/replica-ceiling.yaml:4",
    ]);
  });

  it("refuse an image from outside Harbor in kube-system, at the image and its values line", async () => {
    const root = exampleWithPolicies();
    const values = editFile(root, CLUSTER, "        kubeletInsecureTLS: true\n", "        kubeletInsecureTLS: true\n        image: registry.k8s.io/metrics-server-amd64:v0.3.6\n");
    const [finding, ...others] = (await check(root, 1)).filter((f) => f.severity === "error");
    expect(others).toEqual([]);
    expect(finding).toMatchObject({ cluster: "bjrdc-dev", resource: { kind: "Deployment", namespace: "kube-system", name: "metrics-server" }, source: { file: CLUSTER, line: lineOf(values, "image: registry.k8s.io") } });
    expect(finding.message).toBe(
      "ValidatingAdmissionPolicy 'harbor-images' with binding 'harbor-images' denied request: images must come from the Harbor registry bjrdc206.reg/ (mirror others under bjrdc206.reg/mirror/): registry.k8s.io/metrics-server-amd64:v0.3.6 (reason Forbidden, HTTP 403)",
    );
    const rendered = readFileSync(join(root, finding.file), "utf8").split("\n")[finding.line - 1];
    expect(rendered.slice(finding.column - 1)).toBe("registry.k8s.io/metrics-server-amd64:v0.3.6");
  });

  it("refuse replicas above the namespace's ceiling from its ConfigMap, on the values line", async () => {
    const root = exampleWithPolicies();
    const values = editFile(root, CLUSTER, "        replicas: 2\n", "        replicas: 5\n");
    const [finding, ...others] = (await check(root, 1)).filter((f) => f.severity === "error");
    expect(others).toEqual([]);
    expect(finding).toMatchObject({ cluster: "bjrdc-dev", resource: { kind: "Deployment", namespace: "bjrdc-dev", name: "hello-node" }, source: { file: CLUSTER, line: lineOf(values, "replicas: 5") } });
    expect(finding.message).toBe("ValidatingAdmissionPolicy 'replica-ceiling' with binding 'replica-ceiling' denied request: spec.replicas is 5, above the ceiling of 3 for namespace bjrdc-dev");
  });
});
