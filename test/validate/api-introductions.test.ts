import { describe, expect, it } from "vitest";
import { rule as schema } from "../../src/lint/rules/schema.js";
import { lintWithRule } from "../lint/rule-tester.js";

const INGRESS_V1 = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  defaultBackend: {service: {name: web, port: {number: 80}}}
`;

describe("apiVersions introduced between the shipped schema sets", () => {
  it("rejects networking.k8s.io/v1 Ingress before 1.19, though the 1.21 set knows it", () => {
    const findings = lintWithRule(schema, { name: "v1 Ingress at 1.18", yaml: INGRESS_V1, target: { kubernetesVersion: "1.18" } });
    expect(findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.message}`)).toEqual([
      "1:13 error networking.k8s.io/v1 Ingress is served from Kubernetes 1.19; this target runs 1.18, whose API server rejects it",
    ]);
    expect(findings[0].remediation).toContain('kubeAtLeast "1.19"');
  });

  it("accepts it from 1.19 on", () => {
    for (const version of ["1.19", "1.20", "1.30"]) {
      expect(lintWithRule(schema, { name: version, yaml: INGRESS_V1, target: { kubernetesVersion: version } })).toEqual([]);
    }
  });

  it("rejects autoscaling/v2 HorizontalPodAutoscaler at 1.22 (between the 1.21 and 1.25 sets)", () => {
    const hpa = "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 3\n";
    expect(lintWithRule(schema, { name: "hpa 1.22", yaml: hpa, target: { kubernetesVersion: "1.22" } }).map((f) => f.message)).toEqual([
      "autoscaling/v2 HorizontalPodAutoscaler is served from Kubernetes 1.23; this target runs 1.22, whose API server rejects it",
    ]);
    expect(lintWithRule(schema, { name: "hpa 1.23", yaml: hpa, target: { kubernetesVersion: "1.23" } })).toEqual([]);
  });
});
