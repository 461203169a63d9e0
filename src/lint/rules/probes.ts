import type { Rule } from "../rule.js";
import { describeObject, nameOrIndex } from "../kube/api-kinds.js";
import { longRunningContainers } from "../kube/long-running.js";

const PROBES = [
  ["readinessProbe", "gets traffic before it is ready and keeps getting it when it stops serving"],
  ["livenessProbe", "is not restarted when it hangs"],
] as const;

export const rule: Rule = {
  meta: {
    id: "probes",
    defaultSeverity: "warning",
    description: "A long-running container has no readinessProbe or no livenessProbe.",
    rationale:
      "Without a readiness probe a pod is added to Service endpoints as soon as its process starts, and rolling " +
      "updates move on before the new version works, so requests fail during every rollout. Without a liveness probe " +
      "a deadlocked process is never restarted.",
    remediation:
      "Add a readinessProbe that checks the container can serve (an HTTP health endpoint or TCP port), and a " +
      "livenessProbe that checks only the process itself is alive; use a startupProbe for slow starts.",
  },
  check(context) {
    for (const { container, path, template, init } of longRunningContainers(context.resources)) {
      const name = nameOrIndex(container, path[path.length - 1]);
      for (const [probe, effect] of PROBES) {
        if (container[probe] != null) continue;
        context.report({
          resource: template.resource,
          path: [...path, "name"],
          message: `${init ? "Sidecar container" : "Container"} ${name} in ${describeObject(template.resource, false)} has no ${probe}: it ${effect}`,
        });
      }
    }
  },
};
