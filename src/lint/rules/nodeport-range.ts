import type { Rule } from "../rule.js";
import { describeObject, isKindOf } from "../kube/api-kinds.js";
import { isHeadless, serviceType } from "../kube/services.js";
import { dig, isObject } from "../kube/workloads.js";

/** Service types that allocate node ports. */
const NODE_PORT_TYPES = new Set(["NodePort", "LoadBalancer"]);

export const rule: Rule = {
  meta: {
    id: "nodeport-range",
    defaultSeverity: "error",
    description: "A Service nodePort outside the cluster's node port range, or a nodePort on a Service type that has none.",
    rationale:
      "The API server rejects a nodePort outside --service-node-port-range (30000-32767 unless the cluster changes it), " +
      "and a nodePort on a ClusterIP, ExternalName or headless Service: the apply fails.",
    remediation:
      "Pick a nodePort inside the cluster's range (or leave it out to let Kubernetes allocate one), or make the Service " +
      "type NodePort or LoadBalancer if it should be reachable on the nodes.",
  },
  check(context) {
    const { min, max } = context.target.nodePortRange;
    for (const service of context.resources) {
      if (!isKindOf(service, "Service", [""])) continue;
      const ports = dig(service.object, ["spec", "ports"]);
      if (!Array.isArray(ports)) continue;
      const type = serviceType(service);
      const who = describeObject(service, false);
      ports.forEach((port, i) => {
        if (!isObject(port)) return;
        const nodePort = port.nodePort;
        // 0 is the API's "unset"; non-integers are a schema error reported elsewhere.
        if (typeof nodePort !== "number" || !Number.isInteger(nodePort) || nodePort === 0) return;
        const path = ["spec", "ports", i, "nodePort"];
        const which = `port ${portLabel(port, i)}`;
        // The fix depends on what is wrong: never tell a NodePort Service to become one.
        if (isHeadless(service) && type !== "ExternalName") {
          const remediation = NODE_PORT_TYPES.has(type)
            ? `Remove \`clusterIP: None\` (a ${type} Service needs a cluster IP), or remove the nodePort and keep the Service headless.`
            : "Remove the nodePort: a headless Service has no node ports.";
          context.report({ resource: service, path, message: `${who} ${which} sets nodePort ${nodePort}, but the Service is headless (clusterIP: None) and has no node ports`, remediation });
        } else if (!NODE_PORT_TYPES.has(type)) {
          if (type !== "ClusterIP" && type !== "ExternalName") return; // Unknown type: the schema check reports it.
          const defaulted = dig(service.object, ["spec", "type"]) === undefined ? " (the default)" : "";
          const remediation = "Remove the nodePort, or set `spec.type: NodePort` (or LoadBalancer) if the Service should be reachable on the nodes.";
          context.report({ resource: service, path, message: `${who} ${which} sets nodePort ${nodePort}, but its type is ${type}${defaulted}: only NodePort and LoadBalancer Services have node ports`, remediation });
        } else if (nodePort < min || nodePort > max) {
          const remediation = `Pick a nodePort from ${min} to ${max} (the cluster's --service-node-port-range), or leave nodePort out to let Kubernetes allocate one.`;
          context.report({ resource: service, path, message: `${who} ${which} has nodePort ${nodePort}, outside the cluster's node port range ${min}-${max}`, remediation });
        }
      });
    }
  },
};

/** `"http" (80)`, or just the port number when the port has no name. */
export function portLabel(port: Record<string, unknown>, index: number): string {
  const number = typeof port.port === "number" ? String(port.port) : `#${index}`;
  return typeof port.name === "string" && port.name !== "" ? `${JSON.stringify(port.name)} (${number})` : number;
}
