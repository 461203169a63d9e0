import type { Rule } from "../rule.js";
import { describeObject, isKindOf } from "../kube/api-kinds.js";
import { asLabels, mapSelectorMatches } from "../kube/selectors.js";
import { formatLabels, isHeadless, serviceSelector, serviceType, servicesByName } from "../kube/services.js";
import { dig, namespaceOf } from "../kube/workloads.js";

export const rule: Rule = {
  meta: {
    id: "statefulset-service-name",
    defaultSeverity: "error",
    description:
      "A StatefulSet whose spec.serviceName is missing, or names no headless Service in its namespace that selects its pods.",
    rationale:
      "A StatefulSet's pods get stable DNS names (<pod>.<serviceName>.<namespace>.svc) only through a headless Service " +
      "(clusterIP: None) named by spec.serviceName whose selector matches the pods. Newer API versions accept an " +
      "empty serviceName, but clustered software (databases, brokers) that finds its peers by those names then fails.",
    remediation:
      "Create a Service with clusterIP: None in the StatefulSet's namespace, whose selector matches the pod template " +
      "labels, and set spec.serviceName to its name.",
  },
  check(context) {
    const services = servicesByName(context.resources);
    for (const statefulSet of context.resources) {
      if (!isKindOf(statefulSet, "StatefulSet", ["apps"])) continue;
      const who = describeObject(statefulSet, false);
      const name = dig(statefulSet.object, ["spec", "serviceName"]);
      const path = ["spec", "serviceName"];
      if (typeof name !== "string" || name === "") {
        context.report({ resource: statefulSet, path, message: `${who} has no spec.serviceName: its pods get no stable DNS names (<pod>.<service>.${namespaceOf(statefulSet)}.svc)` });
        continue;
      }
      const serviceId = `${namespaceOf(statefulSet)}/${name}`;
      const found = services.get(serviceId);
      if (!found) {
        const files = context.target.mode === "files";
        context.report({
          resource: statefulSet, path, severity: files ? "warning" : "error",
          message: files
            ? `${who} names Service ${serviceId}, which is not in the linted files: make sure a headless Service of that name selects its pods`
            : `${who} names Service ${serviceId}, which does not exist: its pods get no stable DNS names`,
        });
        continue;
      }
      const labels = asLabels(dig(statefulSet.object, ["spec", "template", "metadata", "labels"]));
      // With several definitions (variants in a file set) any good one will do; judge the first otherwise.
      const service = found.find((s) => isHeadless(s) && mapSelectorMatches(serviceSelector(s), labels)) ?? found[0];
      const selector = serviceSelector(service);
      const problem = serviceType(service) === "ExternalName"
        ? "which is an ExternalName Service, not a headless one"
        : !isHeadless(service)
          ? "which is not headless (spec.clusterIP is not None), so its pods get no per-pod DNS records"
          : !selector
            ? "which has no selector, so it has no endpoints and its pods get no per-pod DNS records"
            : !mapSelectorMatches(selector, labels)
              ? `whose selector ${formatLabels(selector)} does not match the pod template labels (${formatLabels(labels) || "none"})`
              : undefined;
      if (problem) context.report({ resource: statefulSet, path, message: `${who} names Service ${serviceId}, ${problem}` });
    }
  },
};
