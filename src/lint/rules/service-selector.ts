import type { Rule } from "../rule.js";
import { describeObject, isKindOf } from "../kube/api-kinds.js";
import { mapSelectorMatches } from "../kube/selectors.js";
import { formatLabels, podLabelIndexOf, podLabelSources, serviceSelector } from "../kube/services.js";
import { namespaceOf } from "../kube/workloads.js";

export const rule: Rule = {
  meta: {
    id: "service-selector",
    defaultSeverity: "error",
    description: "A Service whose selector matches no pod template in its namespace.",
    rationale:
      "A Service sends traffic to the pods its selector matches in its own namespace. When no pod carries those " +
      "labels the Service has no endpoints and every connection fails, usually because of a typo in a label or a " +
      "Service in the wrong namespace. A Service without a selector is fine: its Endpoints are managed by hand.",
    remediation:
      "Make spec.selector equal to (a subset of) the labels of the pod template it should route to, in the same " +
      "namespace. In a file set the pods may come from elsewhere: then this is a warning.",
  },
  check(context) {
    const sources = podLabelSources(context.resources);
    const index = podLabelIndexOf(context.resources);
    const files = context.target.mode === "files";
    for (const service of context.resources) {
      if (!isKindOf(service, "Service", [""])) continue;
      const selector = serviceSelector(service);
      if (!selector) continue;
      const namespace = namespaceOf(service);
      if (index.matching(namespace, selector).length > 0) continue;
      const elsewhere = sources.find((s) => mapSelectorMatches(selector, s.labels));
      const hint = elsewhere ? ` (${describeObject(elsewhere.resource, false)} has them, in another namespace)` : "";
      context.report({
        resource: service, path: ["spec", "selector"], severity: files ? "warning" : "error",
        message: `${describeObject(service, false)} selects no pods: no Pod template in namespace ${namespace} has labels ${formatLabels(selector)}${hint}`,
      });
    }
  },
};
