import { describe, expect, it } from "vitest";
import { createSchemaValidator, resolveSchemaSet, supportedKubernetesVersions } from "../../src/validate/validate-schema.js";
import { lines, problemsOf } from "./validate-helpers.js";

describe("Kubernetes versions", () => {
  it("supports every minor from 1.16 to 1.30, each resolving to a schema set", () => {
    const versions = supportedKubernetesVersions();
    expect(versions[0]).toBe("1.16");
    expect(versions.at(-1)).toBe("1.30");
    expect(versions).toHaveLength(15);
    for (const version of versions) expect(resolveSchemaSet(version)?.set).toMatch(/^kubernetes-types 1\.\d+( \+ 1\.\d+)?$/);
  });

  it("says which set is used, and how when the version has none of its own", () => {
    expect(resolveSchemaSet("1.30")).toEqual({ set: "kubernetes-types 1.30" });
    expect(resolveSchemaSet("v1.25.3")).toEqual({ set: "kubernetes-types 1.25" });
    expect(resolveSchemaSet("1.16")).toEqual({ set: "kubernetes-types 1.17", note: "Kubernetes 1.16 has no schema set of its own; using the closest, kubernetes-types 1.17" });
    expect(resolveSchemaSet("1.18")).toEqual({
      set: "kubernetes-types 1.17 + 1.21",
      note: "Kubernetes 1.18 has no schema set of its own; kforge checks against the two around it (1.17 and 1.21) and reports only what both reject",
    });
    expect(createSchemaValidator({ kubernetesVersion: "1.18" }).schemaSet).toBe("kubernetes-types 1.17 + 1.21");
  });

  it("validates at every supported version with the shipped files", () => {
    const configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\nbinaryDataa: {}\n";
    for (const version of supportedKubernetesVersions()) {
      expect(lines(problemsOf(configMap, version)), version).toEqual(["error binaryDataa: unknown field `binaryDataa` (did you mean `binaryData`?)"]);
    }
  });

  it("rejects versions outside the supported range instead of validating nothing", () => {
    expect(resolveSchemaSet("1.31")).toBeUndefined();
    expect(resolveSchemaSet("1.15")).toBeUndefined();
    expect(resolveSchemaSet("latest")).toBeUndefined();
    expect(() => createSchemaValidator({ kubernetesVersion: "1.31" })).toThrow('Kubernetes version "1.31" is not supported: kforge has schemas for 1.16 to 1.30');
  });
});

describe("kinds a version does not have", () => {
  const hpa = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 5
`;

  it("reports a kind that only later versions have", () => {
    expect(problemsOf(hpa, "1.30")).toEqual([]);
    expect(problemsOf(hpa, "1.18")).toEqual([
      { path: ["apiVersion"], severity: "error", code: "kind-not-in-version", message: "autoscaling/v2 HorizontalPodAutoscaler does not exist in Kubernetes 1.18 (kforge's schemas have it from kubernetes-types 1.25)" },
    ]);
  });

  it("leaves removed kinds to the deprecated-api rule, and says it does not know them", () => {
    const cronJob = `apiVersion: batch/v1beta1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: run, image: busybox}]}}}}
`;
    expect(problemsOf(cronJob, "1.21")).toEqual([]);
    expect(problemsOf(cronJob.replace("restartPolicy", "restartPolicyy"), "1.21")).toHaveLength(1);
    const at130 = createSchemaValidator({ kubernetesVersion: "1.30" });
    expect(problemsOf(cronJob.replace("restartPolicy", "restartPolicyy"), "1.30")).toEqual([]);
    expect(at130.knows("batch/v1beta1", "CronJob")).toBe(false);
    expect(at130.knows("batch/v1", "CronJob")).toBe(true);
  });

  it("warns, naming the kind, when no schema is known at all", () => {
    const widget = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 3}\n";
    expect(lines(problemsOf(widget, "1.30"))).toEqual([
      "warning kind: no schema for example.com/v1 Widget: not a Kubernetes 1.30 kind (kubernetes-types 1.30), and no CustomResourceDefinition in the linted files defines it; it was not validated",
    ]);
  });
});

describe("between two schema sets (1.18: 1.17 and 1.21)", () => {
  it("accepts a field the newer set knows (Ingress pathType, new in 1.18)", () => {
    const ingress = `apiVersion: networking.k8s.io/v1beta1
kind: Ingress
metadata: {name: web}
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend: {serviceName: web, servicePort: http}
`;
    expect(problemsOf(ingress, "1.18")).toEqual([]);
    expect(lines(problemsOf(ingress.replace("pathType", "pathTipe"), "1.18"))).toEqual([
      "error spec.rules.0.http.paths.0.pathTipe: unknown field `pathTipe` (did you mean `pathType`?)",
    ]);
  });
});
