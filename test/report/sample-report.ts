import type { Finding } from "../../src/lint/finding.js";
import type { RuleMeta } from "../../src/lint/rule.js";
import type { FormatOptions, LintReport } from "../../src/report/lint-report.js";

/** Hand-built findings covering what formatters must handle; positions match SOURCES. */
export const RENDERED: Finding = {
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
};

export const PLAIN: Finding = {
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
};

/** Cluster-scoped, spanning lines, with a template source that readSource cannot show. */
export const CLUSTER_SCOPED: Finding = {
  ruleId: "cluster-admin-binding",
  severity: "error",
  message: "Binds cluster-admin",
  file: "clusters/dev/rendered/rbac/clusterrolebinding.yaml",
  line: 6,
  column: 3,
  endLine: 9,
  endColumn: 1,
  resource: { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", name: "ops-admin" },
  remediation: "Bind a narrower ClusterRole.",
  source: { file: "blueprints/platform/templates/rbac.yaml", line: 6, column: 3 },
  cluster: "dev",
};

/** Every character some format must escape, in the message and the file name; no remediation. */
export const NASTY: Finding = {
  ruleId: "resources",
  severity: "info",
  message: "100% of a,b: c\nsecond | line with `code`",
  file: "manifests/a,b:c.yaml",
  line: 2,
  column: 1,
  endLine: 2,
  endColumn: 5,
  resource: { apiVersion: "v1", kind: "ConfigMap", name: "cfg" },
};

export const RULES: RuleMeta[] = [
  { id: "cluster-admin-binding", defaultSeverity: "error", description: "Finds cluster-admin bindings", rationale: "Full control.", remediation: "Bind a narrower ClusterRole." },
  { id: "hostpath-volume", defaultSeverity: "warning", description: "Finds hostPath volumes", rationale: "Node escape.", remediation: "Use a PersistentVolumeClaim or emptyDir." },
  { id: "image-tag", defaultSeverity: "warning", description: "Finds untagged images", rationale: "latest moves.", remediation: "Pin the image to a version tag or digest." },
  { id: "resources", defaultSeverity: "info", description: "Finds missing resources", rationale: "Scheduling.", remediation: "Set requests and limits." },
];

export function sampleReport(findings: Finding[] = [RENDERED, PLAIN, CLUSTER_SCOPED, NASTY]): LintReport {
  const count = (s: Finding["severity"]) => findings.filter((f) => f.severity === s).length;
  return {
    findings,
    rules: RULES,
    summary: {
      errors: count("error"),
      warnings: count("warning"),
      infos: count("info"),
      filesWithFindings: new Set(findings.map((f) => f.file)).size,
      resources: 42,
      failOn: "error",
      failed: count("error") > 0,
      exempted: 0,
    },
    targets: [{ name: "dev", kubernetesVersion: "1.18", schemaSet: "kubernetes-types 1.18", resources: 42 }],
  };
}

export const SOURCES: Record<string, string> = {
  "clusters/dev/rendered/web/deployment.yaml": [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    "  name: api",
    "  namespace: web",
    "spec:",
    "  template:",
    "    spec:",
    "      containers:",
    "        - name: api",
    "          image: nginx",
    "",
  ].join("\n"),
  "clusters/dev/values/web.yaml": "replicas: 2\nweb:\n  image: nginx\n",
  "clusters/dev/rendered/rbac/clusterrolebinding.yaml": [
    "apiVersion: rbac.authorization.k8s.io/v1",
    "kind: ClusterRoleBinding",
    "metadata:",
    "  name: ops-admin",
    "roleRef:",
    "  apiGroup: rbac.authorization.k8s.io",
    "  kind: ClusterRole",
    "  name: cluster-admin",
    "",
  ].join("\n"),
  "manifests/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\nspec:\n  volumes:\n    - name: host\n      hostPath:\n        path: /var/run\n",
};

export function options(color = false): FormatOptions {
  return { color, readSource: (file) => SOURCES[file] };
}
