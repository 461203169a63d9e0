import { describe, expect, it } from "vitest";
import { createSchemaValidator, resolveSchemaSet, supportedKubernetesVersions } from "../../src/validate/validate-schema.js";
import { loadKubernetesBundle } from "../../src/validate/schema-bundle.js";
import { lines, problemsOf } from "./validate-helpers.js";

describe("Kubernetes versions", () => {
  it("supports every minor from 1.16 to 1.36, each with a schema set of its own", () => {
    const versions = supportedKubernetesVersions();
    expect(versions).toEqual(Array.from({ length: 21 }, (_, i) => `1.${16 + i}`));
    for (const version of versions) expect(resolveSchemaSet(version)).toEqual({ set: `Kubernetes ${version}` });
    expect(resolveSchemaSet("v1.25.3")).toEqual({ set: "Kubernetes 1.25" });
    expect(resolveSchemaSet("1.33.1-eks.2")).toEqual({ set: "Kubernetes 1.33" });
    expect(createSchemaValidator({ kubernetesVersion: "1.18" }).schemaSet).toBe("Kubernetes 1.18");
  });

  it("ships one set per release, each distinct definition stored once", () => {
    const bundle = loadKubernetesBundle();
    expect(Object.keys(bundle.releases).sort(byMinor)).toEqual(supportedKubernetesVersions());
    const used = new Set<string>();
    for (const { kinds, objectMeta } of Object.values(bundle.releases)) {
      used.add(objectMeta);
      for (const byKind of Object.values(kinds)) for (const key of Object.values(byKind)) used.add(key);
    }
    for (const key of used) expect(bundle.definitions[key], key).toBeDefined();
    const shapes = new Set(Object.values(bundle.definitions).map((d) => JSON.stringify(d)));
    expect(shapes.size).toBe(Object.keys(bundle.definitions).length);
    // A kind unchanged between two releases is one definition.
    expect(bundle.releases["1.35"].kinds.v1.ConfigMap).toBe(bundle.releases["1.36"].kinds.v1.ConfigMap);
  });

  it("validates at every supported version with the shipped files", () => {
    const configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\nbinaryDataa: {}\n";
    for (const version of supportedKubernetesVersions()) {
      expect(lines(problemsOf(configMap, version)), version).toEqual(["error binaryDataa: unknown field `binaryDataa` (did you mean `binaryData`?)"]);
    }
  });

  it("judges each release by its own API: a field is unknown before the release that added it", () => {
    // Ingress spec.ingressClassName is new in 1.18; a neighbour's schema would accept it at 1.17.
    const ingress = "apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  ingressClassName: nginx\n  backend: {serviceName: web, servicePort: 80}\n";
    expect(lines(problemsOf(ingress, "1.17"))).toEqual(["error spec.ingressClassName: unknown field `ingressClassName`"]);
    expect(problemsOf(ingress, "1.18")).toEqual([]);
    // Pod spec.hostUsers arrived in 1.25.
    const pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostUsers: false\n  containers: [{name: c, image: busybox}]\n";
    expect(lines(problemsOf(pod, "1.24"))).toEqual(["error spec.hostUsers: unknown field `hostUsers`"]);
    expect(problemsOf(pod, "1.25")).toEqual([]);
  });

  it("rejects versions outside the supported range instead of validating nothing, naming the newest", () => {
    expect(resolveSchemaSet("1.37")).toBeUndefined();
    expect(resolveSchemaSet("1.15")).toBeUndefined();
    expect(resolveSchemaSet("latest")).toBeUndefined();
    expect(() => createSchemaValidator({ kubernetesVersion: "1.37" })).toThrow('Kubernetes 1.37 is newer than the schemas this kforge ships (kforge has schemas for Kubernetes 1.16 to 1.36); use "1.36"');
    expect(() => createSchemaValidator({ kubernetesVersion: "1.15" })).toThrow('Kubernetes 1.15 is older than the schemas kforge ships (kforge has schemas for Kubernetes 1.16 to 1.36); use "1.16" or newer');
  });
});

function byMinor(a: string, b: string): number {
  return Number(a.split(".")[1]) - Number(b.split(".")[1]);
}

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
    expect(problemsOf(hpa, "1.22")).toEqual([
      {
        path: ["apiVersion"], severity: "error", code: "kind-not-in-version",
        message: "autoscaling/v2 HorizontalPodAutoscaler is not served by Kubernetes 1.22: it is served from 1.23; Kubernetes 1.22 serves HorizontalPodAutoscaler as autoscaling/v1, autoscaling/v2beta1, autoscaling/v2beta2",
        remediation: 'use an apiVersion that Kubernetes 1.22 serves, or (in a blueprint) emit this one only {{#if (kubeAtLeast "1.23")}}',
      },
    ]);
    expect(problemsOf(hpa, "1.23")).toEqual([]);
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
      "warning kind: no schema for example.com/v1 Widget: not a Kubernetes 1.30 kind, and no CustomResourceDefinition in the linted files defines it; it was not validated",
    ]);
  });
});

describe("a field new in a release (1.18)", () => {
  it("accepts Ingress pathType at 1.18", () => {
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
