import { rule } from "../../../src/lint/rules/duplicate-resource.js";
import { testRule } from "../rule-tester.js";

const cm = (name: string, ns?: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
${ns ? `  namespace: ${ns}\n` : ""}data: {}
`;

testRule(rule, {
  valid: [
    {
      name: "same name in different namespaces, kinds or groups",
      yaml: `${cm("app", "a")}---
${cm("app", "b")}---
apiVersion: v1
kind: Secret
metadata:
  name: app
  namespace: a
---
apiVersion: example.com/v1
kind: ConfigMap
metadata:
  name: app
  namespace: a
`,
    },
    {
      name: "objects without a name (generateName) are not compared",
      yaml: `apiVersion: batch/v1
kind: Job
metadata:
  generateName: migrate-
---
apiVersion: batch/v1
kind: Job
metadata:
  generateName: migrate-
`,
    },
    {
      name: "a namespaced CRD kind in two namespaces",
      yaml: `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w, namespace: a}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w, namespace: b}
`,
    },
  ],
  invalid: [
    {
      name: "across files, an unset namespace is default",
      yaml: { "a.yaml": cm("app"), "b.yaml": cm("app", "default") },
      errors: [{ file: "b.yaml", line: 4, column: 9, message: "ConfigMap default/app is defined twice: it is already defined at a.yaml:4" }],
    },
    {
      name: "apps/v1 and extensions/v1beta1 Deployments are one object; each later copy is reported",
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
---
apiVersion: extensions/v1beta1
kind: Deployment
metadata:
  name: web
---
apiVersion: apps/v1beta2
kind: Deployment
metadata:
  name: web
`,
      errors: [
        { line: 9, column: 9, message: "Deployment default/web is defined twice: it is already defined at case.yaml:4 (as apps/v1)" },
        { line: 14, column: 9, message: "already defined at case.yaml:4" },
      ],
    },
    {
      name: "cluster-scoped kinds ignore the namespace, including CRDs with scope Cluster",
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: reader
  namespace: a
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: reader
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: pools.example.com}
spec:
  group: example.com
  scope: Cluster
  names: {kind: Pool, plural: pools}
---
apiVersion: example.com/v1
kind: Pool
metadata: {name: p, namespace: x}
---
apiVersion: example.com/v2
kind: Pool
metadata: {name: p, namespace: y}
`,
      errors: [
        { line: 10, column: 9, message: "ClusterRole reader is defined twice" },
        { line: 26, column: 18, message: "Pool p is defined twice: it is already defined at case.yaml:22 (as example.com/v1)" },
      ],
    },
  ],
});
