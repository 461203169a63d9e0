import { describe, expect, it } from "vitest";
import { loadPolicies } from "../../src/policy/load-policies.js";
import { admissionForCluster } from "../../src/policy/load-admission-policies.js";
import { makeRepo } from "../helpers/temp-repo.js";

const object = (name: string, clusters?: string) => `---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
${clusters === undefined ? "" : `  annotations: {kforge.dev/clusters: "${clusters}"}\n`}`;

describe("policies/admission/", () => {
  it("is read with the policy, apart from the Policy files", async () => {
    const root = makeRepo({
      "policies/platform.yaml": "apiVersion: kforge.dev/v1alpha1\nkind: Policy\nmetadata: {name: p}\nspec: {rules: {}}\n",
      "policies/admission/b.yaml": object("b"),
      "policies/admission/a.yml": object("a"),
    });
    const { policy, diagnostics } = await loadPolicies(root);
    expect(diagnostics).toEqual([]);
    expect(policy.files).toEqual(["policies/platform.yaml"]);
    expect(policy.admission?.map((r) => `${r.file} ${String(r.object.metadata?.name)}`)).toEqual(["policies/admission/a.yml a", "policies/admission/b.yaml b"]);
  });

  it("reports a file that is not YAML at its position", async () => {
    const root = makeRepo({ "policies/admission/bad.yaml": "apiVersion: v1\nkind: ConfigMap\nkind: Secret\nmetadata: {name: x}\n" });
    const { diagnostics } = await loadPolicies(root);
    expect(diagnostics.map((d) => `${d.code} ${d.file}:${d.line}`)).toEqual(["yaml-syntax policies/admission/bad.yaml:3"]);
  });

  it("gives each cluster the objects whose kforge.dev/clusters annotation names it, and those without one", async () => {
    const root = makeRepo({ "policies/admission/all.yaml": object("everywhere") + object("dev-only", "bjrdc-dev") + object("both", "bjrdc-dev, prod") });
    const { policy } = await loadPolicies(root);
    const names = (cluster: string) => admissionForCluster(policy.admission ?? [], cluster).map((r) => r.object.metadata?.name);
    expect(names("bjrdc-dev")).toEqual(["everywhere", "dev-only", "both"]);
    expect(names("prod")).toEqual(["everywhere", "both"]);
  });

  it("leaves out, for a cluster, the policies its overrides exclude, with their bindings", async () => {
    const vap = (name: string) => `---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: ${name}}\nspec: {validations: [{expression: "true"}]}\n---\napiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata: {name: ${name}-binding}\nspec: {policyName: ${name}, validationActions: [Deny]}\n`;
    const root = makeRepo({
      "policies/platform.yaml": "apiVersion: kforge.dev/v1alpha1\nkind: Policy\nmetadata: {name: p}\nspec:\n  clusters:\n    prod:\n      admission: {exclude: [harbor-images]}\n",
      "policies/admission/all.yaml": vap("harbor-images") + vap("replica-ceiling"),
    });
    const { policy, diagnostics } = await loadPolicies(root);
    expect(diagnostics).toEqual([]);
    const names = (cluster: string) => admissionForCluster(policy.admission ?? [], cluster, policy.admissionExcluded?.get(cluster)).map((r) => r.object.metadata?.name);
    expect(names("prod")).toEqual(["replica-ceiling", "replica-ceiling-binding"]);
    expect(names("bjrdc-dev")).toEqual(["harbor-images", "harbor-images-binding", "replica-ceiling", "replica-ceiling-binding"]);
  });

  it("rejects an exclude list that is not a list of names, at its position", async () => {
    const root = makeRepo({ "policies/platform.yaml": "apiVersion: kforge.dev/v1alpha1\nkind: Policy\nmetadata: {name: p}\nspec:\n  clusters:\n    prod:\n      admission: {exclude: harbor-images}\n" });
    const { diagnostics } = await loadPolicies(root);
    expect(diagnostics.map((d) => `${d.file}:${d.line}`)).toEqual(["policies/platform.yaml:7"]);
  });

  it("reports an excluded name that no policy has, at its position, with the closest name", async () => {
    const root = makeRepo({
      "policies/platform.yaml": "apiVersion: kforge.dev/v1alpha1\nkind: Policy\nmetadata: {name: p}\nspec:\n  clusters:\n    prod:\n      admission:\n        exclude: [harbor-image]\n",
      "policies/admission/a.yaml": "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: harbor-images}\nspec: {validations: [{expression: \"true\"}]}\n",
    });
    const { diagnostics } = await loadPolicies(root);
    expect(diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      'policy-schema policies/platform.yaml:8:19 admission.exclude names "harbor-image", but no ValidatingAdmissionPolicy in policies/admission/ has that name (did you mean "harbor-images"?)',
    ]);
  });
});
