import { describe, expect, it } from "vitest";
import { rule } from "../../../src/lint/rules/deprecated-api.js";
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { builtinDeprecations, DEPRECATED_APIS_SCHEMA } from "../../../src/lint/kube/deprecated-apis.js";
import { testRule } from "../rule-tester.js";

const ingress = (apiVersion: string) => `apiVersion: ${apiVersion}
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  backend: {serviceName: web, servicePort: 80}
`;

const podWith = (volumes: string, annotations = "") => `apiVersion: v1
kind: Pod
metadata:
  name: db
  namespace: shop${annotations}
spec:
  containers:
    - {name: db, image: postgres:16}
  volumes:
${volumes}`;

testRule(rule, {
  valid: [
    { name: "current apiVersions", yaml: "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\n" },
    { name: "not yet deprecated at the target", yaml: ingress("networking.k8s.io/v1beta1"), target: { kubernetesVersion: "1.18" } },
    { name: "an apiVersion the table does not know", yaml: "apiVersion: example.com/v1alpha1\nkind: Widget\nmetadata: {name: w}\n" },
    { name: "a deprecated apiVersion with another kind", yaml: "apiVersion: extensions/v1beta1\nkind: Widget\nmetadata: {name: w}\n" },
    { name: "a target that is not X.Y is the caller's concern", yaml: ingress("extensions/v1beta1"), target: { kubernetesVersion: "latest" } },
    { name: "rbd before its deprecation", yaml: podWith("    - name: data\n      rbd: {monitors: [10.0.0.1], image: db}\n"), target: { kubernetesVersion: "1.27" } },
    { name: "seccomp annotation before 1.19", yaml: podWith("    - {name: tmp, emptyDir: {}}\n", "\n  annotations: {seccomp.security.alpha.kubernetes.io/pod: runtime/default}"), target: { kubernetesVersion: "1.18" } },
    { name: "a Retain PersistentVolume and a Delete StorageClass", yaml: "apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv}\nspec: {persistentVolumeReclaimPolicy: Retain}\n---\napiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: fast}\nprovisioner: x\nreclaimPolicy: Delete\n" },
    { name: "odd shapes", yaml: "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  volumes: [1, null, {rbd: 3}]\n---\napiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv}\nspec: nope\n" },
  ],
  invalid: [
    {
      name: "removed at the target",
      yaml: ingress("extensions/v1beta1"),
      target: { kubernetesVersion: "1.22" },
      errors: [{ line: 1, column: 13, severity: "error", message: "extensions/v1beta1 Ingress was removed in Kubernetes 1.22 (deprecated in 1.14); use networking.k8s.io/v1" }],
    },
    {
      name: "deprecated at the target, replacement served later",
      yaml: ingress("extensions/v1beta1"),
      target: { kubernetesVersion: "1.18" },
      errors: [{ line: 1, column: 13, severity: "warning", message: "extensions/v1beta1 Ingress is deprecated since Kubernetes 1.14 and is removed in 1.22; use networking.k8s.io/v1beta1 now, and networking.k8s.io/v1 once the cluster runs Kubernetes 1.19 or later" }],
    },
    {
      name: "a replacement served later, with no interim version",
      yaml: "apiVersion: batch/v2alpha1\nkind: CronJob\nmetadata: {name: c}\n",
      target: { kubernetesVersion: "1.16" },
      options: { extraDeprecations: [{ apiVersion: "batch/v2alpha1", kind: "CronJob", deprecatedIn: "1.8", removedIn: "1.21", replacement: "batch/v1", replacementSince: "1.21" }] },
      errors: [{ line: 1, column: 13, severity: "warning", message: /use batch\/v1beta1 now, and batch\/v1 once the cluster runs Kubernetes 1\.21 or later/ }],
    },
    {
      name: "follows a replacement that is itself gone (PodSecurityPolicy)",
      yaml: "apiVersion: extensions/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: restricted}\n",
      target: { kubernetesVersion: "1.25" },
      errors: [{ line: 1, column: 13, severity: "error", message: /removed in Kubernetes 1\.16 \(deprecated in 1\.11\); PodSecurityPolicy has no successor API: use Pod Security Admission/ }],
    },
    {
      name: "suggests the replacement that the target serves",
      yaml: "apiVersion: flowcontrol.apiserver.k8s.io/v1beta1\nkind: FlowSchema\nmetadata: {name: f}\n---\napiVersion: flowcontrol.apiserver.k8s.io/v1beta1\nkind: PriorityLevelConfiguration\nmetadata: {name: p}\n",
      target: { kubernetesVersion: "1.24" },
      errors: [
        { line: 1, column: 13, severity: "warning", message: "is removed in 1.26; use flowcontrol.apiserver.k8s.io/v1beta2" },
        { line: 5, column: 13, severity: "warning", message: "use flowcontrol.apiserver.k8s.io/v1beta2" },
      ],
    },
    {
      name: "the same object at a later target",
      yaml: "apiVersion: flowcontrol.apiserver.k8s.io/v1beta1\nkind: FlowSchema\nmetadata: {name: f}\n",
      target: { kubernetesVersion: "1.30" },
      errors: [{ line: 1, column: 13, severity: "error", message: "was removed in Kubernetes 1.26 (deprecated in 1.23); use flowcontrol.apiserver.k8s.io/v1" }],
    },
    {
      name: "an alpha version dropped without deprecation, with a kind change",
      yaml: "apiVersion: resource.k8s.io/v1alpha2\nkind: ResourceClass\nmetadata: {name: gpu}\n",
      target: { kubernetesVersion: "1.31" },
      errors: [{ line: 1, column: 13, message: "resource.k8s.io/v1alpha2 ResourceClass was removed in Kubernetes 1.31; use resource.k8s.io/v1alpha3 DeviceClass" }],
    },
    {
      name: "in-tree rbd volume: deprecated, then removed",
      yaml: {
        "pod.yaml": podWith("    - name: data\n      rbd: {monitors: [10.0.0.1], image: db}\n"),
        "pv.yaml": "apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: ceph}\nspec:\n  cephfs: {monitors: [10.0.0.1]}\n  persistentVolumeReclaimPolicy: Recycle\n",
      },
      target: { kubernetesVersion: "1.29" },
      errors: [
        { file: "pod.yaml", line: 11, column: 12, severity: "warning", message: 'Pod shop/db volume "data" uses the in-tree rbd volume plugin, which is deprecated since Kubernetes 1.28 and is removed in 1.31; use the Ceph CSI driver' },
        { file: "pv.yaml", line: 5, column: 11, severity: "warning", message: "PersistentVolume ceph uses the in-tree cephfs volume plugin" },
        { file: "pv.yaml", line: 6, column: 34, severity: "warning", message: "deprecated Recycle reclaim policy" },
      ],
    },
    {
      name: "in-tree rbd volume in a workload after its removal",
      yaml: "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: db}\nspec:\n  template:\n    spec:\n      volumes:\n        - name: data\n          rbd: {image: db}\n",
      target: { kubernetesVersion: "1.31" },
      errors: [{ line: 9, column: 16, severity: "error", message: "which was removed in Kubernetes 1.31 (deprecated in 1.28)" }],
    },
    {
      name: "deprecated pod annotations and a Recycle StorageClass",
      yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  template:
    metadata:
      annotations:
        scheduler.alpha.kubernetes.io/critical-pod: ""
        seccomp.security.alpha.kubernetes.io/pod: runtime/default
    spec:
      containers: [{name: a, image: a:1}]
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: nfs}
provisioner: example.com/nfs
reclaimPolicy: Recycle
`,
      errors: [
        { line: 8, column: 53, severity: "warning", message: "annotation scheduler.alpha.kubernetes.io/critical-pod has had no effect since Kubernetes 1.16" },
        { line: 9, column: 51, severity: "warning", message: "seccomp annotation seccomp.security.alpha.kubernetes.io/pod is deprecated since Kubernetes 1.19" },
        { line: 17, column: 16, severity: "error", message: "StorageClass nfs has reclaimPolicy Recycle" },
      ],
    },
    {
      name: "extraDeprecations add entries and win over built-in ones",
      yaml: "apiVersion: example.com/v1alpha1\nkind: Widget\nmetadata: {name: w}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n",
      options: {
        extraDeprecations: [
          { apiVersion: "example.com/v1alpha1", kind: "Widget", deprecatedIn: "1.20", removedIn: "1.40", replacement: "example.com/v1" },
          { apiVersion: "apps/v1", kind: "Deployment", deprecatedIn: "1.29", replacement: null, note: "use the platform's App kind instead" },
        ],
      },
      errors: [
        { line: 1, column: 13, severity: "warning", message: "example.com/v1alpha1 Widget is deprecated since Kubernetes 1.20 and is removed in 1.40; use example.com/v1" },
        { line: 5, column: 13, severity: "warning", message: "apps/v1 Deployment is deprecated since Kubernetes 1.29; use the platform's App kind instead" },
      ],
    },
  ],
});

describe("data/deprecated-apis.yaml", () => {
  it("matches its schema", () => {
    const { $schema: _drop, ...schema } = DEPRECATED_APIS_SCHEMA as Record<string, unknown>;
    const validate = new Ajv({ allErrors: true }).compile(schema);
    const data: unknown = parse(readFileSync(new URL("../../../data/deprecated-apis.yaml", import.meta.url), "utf8"));
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
  });

  it("loads and covers the removals from 1.16 to 1.32", () => {
    const entries = builtinDeprecations();
    const removedIn = (apiVersion: string, kind: string) => entries.find((e) => e.apiVersion === apiVersion && e.kind === kind)?.removedIn;
    expect(removedIn("extensions/v1beta1", "Deployment")).toBe("1.16");
    expect(removedIn("apps/v1beta2", "StatefulSet")).toBe("1.16");
    expect(removedIn("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition")).toBe("1.22");
    expect(removedIn("batch/v1beta1", "CronJob")).toBe("1.25");
    expect(removedIn("autoscaling/v2beta2", "HorizontalPodAutoscaler")).toBe("1.26");
    expect(removedIn("storage.k8s.io/v1beta1", "CSIStorageCapacity")).toBe("1.27");
    expect(removedIn("flowcontrol.apiserver.k8s.io/v1beta2", "FlowSchema")).toBe("1.29");
    expect(removedIn("flowcontrol.apiserver.k8s.io/v1beta3", "PriorityLevelConfiguration")).toBe("1.32");
    for (const e of entries) if (e.removedIn) expect(Number(e.removedIn.split(".")[1])).toBeGreaterThanOrEqual(Number(e.deprecatedIn.split(".")[1]));
  });
});
