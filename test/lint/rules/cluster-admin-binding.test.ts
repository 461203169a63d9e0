import { rule } from "../../../src/lint/rules/cluster-admin-binding.js";
import { testRule } from "../rule-tester.js";

const binding = (kind: string, roleName: string, subjects: string, ns = "") => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: grant
${ns ? `  namespace: ${ns}\n` : ""}roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: ${roleName}
subjects:
${subjects}`;

testRule(rule, {
  valid: [
    {
      name: "other ClusterRoles",
      yaml: binding("ClusterRoleBinding", "view", "- {kind: ServiceAccount, name: bot, namespace: ops}\n"),
    },
    {
      name: "a Role named cluster-admin, and a lookalike kind from another group",
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb, namespace: ops}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: bot}]
---
apiVersion: example.com/v1
kind: ClusterRoleBinding
metadata: {name: x}
roleRef: {kind: ClusterRole, name: cluster-admin}
`,
    },
  ],
  invalid: [
    {
      name: "a service account subject is an error",
      yaml: binding("ClusterRoleBinding", "cluster-admin", "- {kind: User, name: alice}\n- {kind: ServiceAccount, name: tiller, namespace: kube-system}\n"),
      errors: [{ line: 8, column: 9, severity: "error", message: "ClusterRoleBinding grant grants cluster-admin cluster-wide to ServiceAccount kube-system/tiller" }],
    },
    {
      name: "broad groups are errors",
      yaml: binding("ClusterRoleBinding", "cluster-admin", "- {kind: Group, name: \"system:serviceaccounts\", apiGroup: rbac.authorization.k8s.io}\n"),
      errors: [{ line: 8, column: 9, severity: "error", message: "to Group system:serviceaccounts" }],
    },
    {
      name: "human users and groups are warnings; a RoleBinding names its namespace",
      yaml: `${binding("ClusterRoleBinding", "cluster-admin", "- {kind: Group, name: platform-admins}\n")}---
${binding("RoleBinding", "cluster-admin", "- {kind: User, name: alice}\n", "team-a")}`,
      errors: [
        { line: 8, column: 9, severity: "warning", message: "ClusterRoleBinding grant grants cluster-admin cluster-wide to Group platform-admins" },
        { line: 20, column: 9, severity: "warning", message: "RoleBinding team-a/grant grants cluster-admin in namespace team-a to User alice" },
      ],
    },
  ],
});
