import { rule } from "../../../src/lint/rules/cluster-scoped-namespace.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: [
    {
      name: "namespaced kinds with a namespace, cluster-scoped kinds without one",
      yaml: `apiVersion: v1
kind: ConfigMap
metadata:
  name: a
  namespace: shop
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast
provisioner: example.com/disk
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv
  namespace: ""
`,
    },
    {
      name: "a CRD in the set declares its kind namespaced, and unknown kinds count as namespaced",
      yaml: `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: gatewayclasses.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: GatewayClass, plural: gatewayclasses}
---
apiVersion: example.com/v1
kind: GatewayClass
metadata: {name: g, namespace: shop}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w, namespace: shop}
`,
    },
  ],
  invalid: [
    {
      name: "built-in cluster-scoped kinds",
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: admins
  namespace: shop
---
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  namespace: shop
`,
      errors: [
        { line: 5, column: 14, message: 'ClusterRoleBinding admins is cluster-scoped, but sets metadata.namespace "shop"' },
        { line: 11, column: 14, message: "Namespace shop is cluster-scoped" },
      ],
    },
    {
      name: "a custom kind whose CRD in the set has scope Cluster",
      yaml: `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: pools.example.com
  namespace: system
spec:
  group: example.com
  scope: Cluster
  names: {kind: Pool, plural: pools}
---
apiVersion: example.com/v1
kind: Pool
metadata: {name: p, namespace: system}
`,
      errors: [
        { line: 5, column: 14, message: "CustomResourceDefinition pools.example.com is cluster-scoped" },
        { line: 13, column: 32, message: "Pool p is cluster-scoped" },
      ],
    },
  ],
});
