import type { Resource } from "../../resources/resource.js";
import type { Rule } from "../rule.js";
import { describeObject, isKindOf } from "../kube/api-kinds.js";
import { isHeadless, serviceType } from "../kube/services.js";
import { dig, isObject, namespaceOf } from "../kube/workloads.js";
import { portLabel } from "./nodeport-range.js";

interface NodePortUse {
  service: Resource;
  index: number;
  protocol: string;
}

export const rule: Rule = {
  meta: {
    id: "nodeport-conflict",
    defaultSeverity: "error",
    description: "Two Services in the set ask for the same nodePort.",
    rationale:
      "A node port is opened on every node for one Service, whatever its namespace: the API server allocates each " +
      "nodePort once per cluster and rejects the second Service that asks for it, so whichever applies last fails.",
    remediation: "Give each Service its own nodePort, or leave nodePort out and let Kubernetes allocate a free one.",
  },
  check(context) {
    const uses = new Map<number, NodePortUse[]>();
    for (const service of context.resources) {
      if (!isKindOf(service, "Service", [""])) continue;
      const type = serviceType(service);
      if ((type !== "NodePort" && type !== "LoadBalancer") || isHeadless(service)) continue; // nodeport-range's finding
      const ports = dig(service.object, ["spec", "ports"]);
      if (!Array.isArray(ports)) continue;
      ports.forEach((port, index) => {
        if (!isObject(port)) return;
        const nodePort = port.nodePort;
        if (typeof nodePort !== "number" || !Number.isInteger(nodePort) || nodePort === 0) return;
        const protocol = typeof port.protocol === "string" ? port.protocol : "TCP";
        const earlier = uses.get(nodePort) ?? [];
        uses.set(nodePort, [...earlier, { service, index, protocol }]);
        const path = ["spec", "ports", index, "nodePort"];
        const where = (use: NodePortUse) => `${use.service.file}:${use.service.locate(["spec", "ports", use.index, "nodePort"]).line}`;
        // One Service may use a node port once per protocol (TCP and UDP for DNS, say).
        const twin = earlier.find((use) => use.service === service && use.protocol === protocol);
        if (twin) {
          context.report({ resource: service, path, message: `${describeObject(service, false)} port ${portLabel(port, index)} repeats nodePort ${nodePort}/${protocol} of its port ${portLabel(ports[twin.index], twin.index)} (${where(twin)})` });
          return;
        }
        // The same Service defined twice (two variants of one manifest) is one object, not a conflict.
        const other = earlier.find((use) => !sameObject(use.service, service));
        if (!other) return;
        context.report({
          resource: service, path,
          message: `${describeObject(service, false)} port ${portLabel(port, index)} asks for nodePort ${nodePort}, already used by ${describeObject(other.service, false)} (${where(other)}); node ports are cluster-wide, whatever the namespace`,
        });
      });
    }
  },
};

function sameObject(a: Resource, b: Resource): boolean {
  return namespaceOf(a) === namespaceOf(b) && a.object.metadata?.name === b.object.metadata?.name;
}
