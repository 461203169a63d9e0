import { describe, expect, it } from "vitest";
import { formatJson } from "../../src/report/format-json.js";
import { CLUSTER_SCOPED, NASTY, PLAIN, RENDERED, options, sampleReport } from "./sample-report.js";

describe("json format", () => {
  it("writes one pretty-printed object with a fixed key set per finding, sorted by file", () => {
    const output = formatJson(sampleReport([RENDERED, PLAIN, CLUSTER_SCOPED, NASTY]), options());
    const expected = {
      findings: [
        {
          ruleId: "cluster-admin-binding",
          severity: "error",
          message: "Binds cluster-admin",
          file: "clusters/dev/rendered/rbac/clusterrolebinding.yaml",
          line: 6,
          column: 3,
          endLine: 9,
          endColumn: 1,
          resource: { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", namespace: null, name: "ops-admin" },
          remediation: "Bind a narrower ClusterRole.",
          source: { file: "blueprints/platform/templates/rbac.yaml", line: 6, column: 3 },
          cluster: "dev",
        },
        {
          ruleId: "image-tag",
          severity: "warning",
          message: 'Image "nginx" has no tag',
          file: "clusters/dev/rendered/web/deployment.yaml",
          line: 11,
          column: 18,
          endLine: 11,
          endColumn: 23,
          resource: { apiVersion: "apps/v1", kind: "Deployment", namespace: "web", name: "api" },
          remediation: "Pin the image to a version tag or digest.",
          source: { file: "clusters/dev/values/web.yaml", line: 3, column: 10 },
          cluster: "dev",
        },
        {
          ruleId: "resources",
          severity: "info",
          message: "100% of a,b: c\nsecond | line with `code`",
          file: "manifests/a,b:c.yaml",
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 5,
          resource: { apiVersion: "v1", kind: "ConfigMap", namespace: null, name: "cfg" },
          remediation: null,
          source: null,
          cluster: null,
        },
        {
          ruleId: "hostpath-volume",
          severity: "error",
          message: "hostPath volume mounts /var/run from the node",
          file: "manifests/pod.yaml",
          line: 9,
          column: 15,
          endLine: 9,
          endColumn: 23,
          resource: { apiVersion: "v1", kind: "Pod", namespace: "default", name: "debug" },
          remediation: "Use a PersistentVolumeClaim or emptyDir.",
          source: null,
          cluster: null,
        },
      ],
      summary: {
        errors: 2,
        warnings: 1,
        infos: 1,
        filesWithFindings: 4,
        resources: 42,
        failOn: "error",
        failed: true,
        exempted: 0,
        targets: [{ name: "dev", kubernetesVersion: "1.18", schemaSet: "kubernetes-types 1.18", resources: 42 }],
      },
    };
    expect(output).toBe(`${JSON.stringify(expected, null, 2)}\n`);
    expect(output).toContain('\n  "findings": [\n    {\n      "ruleId"');
  });

  it("keeps the shape with no findings and never leaks extra properties", () => {
    const extra = { ...PLAIN, internal: "x", resource: { ...PLAIN.resource!, uid: "1" } };
    const output = JSON.parse(formatJson(sampleReport([extra]), options()));
    expect(Object.keys(output)).toEqual(["findings", "summary"]);
    expect(output.findings[0].internal).toBeUndefined();
    expect(Object.keys(output.findings[0].resource)).toEqual(["apiVersion", "kind", "namespace", "name"]);
    expect(JSON.parse(formatJson(sampleReport([]), options())).findings).toEqual([]);
  });

  it("gives findings without a resource resource: null", () => {
    const { resource: _, ...noResource } = PLAIN;
    expect(JSON.parse(formatJson(sampleReport([noResource]), options())).findings[0].resource).toBeNull();
  });
});
