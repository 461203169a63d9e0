import type { Rule } from "../rule.js";
import { RBAC_GROUP, describeObject, isKindOf } from "../kube/api-kinds.js";
import { dig, isObject, namespaceOf } from "../kube/workloads.js";

/** Groups whose members include every workload or every caller: binding them is never least privilege. */
const BROAD_GROUP = /^system:(?:authenticated|unauthenticated|serviceaccounts(?::.*)?)$/;

export const rule: Rule = {
  meta: {
    id: "cluster-admin-binding",
    defaultSeverity: "warning",
    description: "A ClusterRoleBinding or RoleBinding grants the cluster-admin ClusterRole.",
    rationale:
      "cluster-admin allows every verb on every resource, Secrets included. Bound to a service account, anyone who " +
      "can run code in (or exec into) one of its pods owns the cluster; bound to system:authenticated or " +
      "system:serviceaccounts, every caller or every pod does. Even within one namespace (a RoleBinding) it grants full control of it.",
    remediation:
      "Bind a ClusterRole or Role that lists only the resources and verbs the subject needs (or the built-in admin, " +
      "edit or view roles), and keep cluster-admin for break-glass human access.",
  },
  check(context) {
    for (const resource of context.resources) {
      const cluster = isKindOf(resource, "ClusterRoleBinding", [RBAC_GROUP]);
      if (!cluster && !isKindOf(resource, "RoleBinding", [RBAC_GROUP])) continue;
      const roleRef = dig(resource.object, ["roleRef"]);
      if (!isObject(roleRef) || roleRef.kind !== "ClusterRole" || roleRef.name !== "cluster-admin") continue;
      const subjects = Array.isArray(resource.object.subjects) ? resource.object.subjects.filter(isObject) : [];
      const risky = subjects.filter((s) => s.kind === "ServiceAccount" || (s.kind === "Group" && BROAD_GROUP.test(String(s.name))));
      const named = (risky.length > 0 ? risky : subjects).map(describeSubject);
      const scope = cluster ? "cluster-wide" : `in namespace ${namespaceOf(resource)}`;
      const to = named.length > 0 ? ` to ${named.slice(0, 3).join(", ")}${named.length > 3 ? ` and ${named.length - 3} more` : ""}` : "";
      context.report({
        resource,
        path: ["roleRef", "name"],
        severity: risky.length > 0 ? "error" : "warning",
        message: `${describeObject(resource, cluster)} grants cluster-admin ${scope}${to}`,
      });
    }
  },
};

function describeSubject(subject: Record<string, unknown>): string {
  const ns = typeof subject.namespace === "string" && subject.namespace !== "" ? `${subject.namespace}/` : "";
  return `${String(subject.kind)} ${subject.kind === "ServiceAccount" ? ns : ""}${String(subject.name)}`;
}
