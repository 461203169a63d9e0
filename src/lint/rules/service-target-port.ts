import type { Rule } from "../rule.js";
import { describeObject, isKindOf } from "../kube/api-kinds.js";
import { podLabelIndexOf, selectedBy } from "../kube/services.js";
import { containersOf, dig, isObject, type PodTemplate } from "../kube/workloads.js";
import { portLabel } from "./nodeport-range.js";

interface DeclaredPort {
  number: number;
  name?: string;
  protocol: string;
}

export const rule: Rule = {
  meta: {
    id: "service-target-port",
    defaultSeverity: "error",
    description: "A Service port whose targetPort matches no container port of the pods the Service selects.",
    rationale:
      "A named targetPort is resolved in each selected pod against its containers' port names (and protocol): when no " +
      "container declares it, the port has no endpoints and connections fail. A numeric targetPort that no container " +
      "declares usually means the Service points at the wrong port. Declared container ports are informational, so " +
      "pods that declare no ports at all are not judged for numeric targetPorts, and the rule only speaks when the " +
      "Service selects at least one pod template in the set.",
    remediation:
      "Set targetPort to a containerPort (or port name) the selected containers declare, or declare the port in the " +
      "container's ports list. Without targetPort, the Service port number is used.",
  },
  check(context) {
    const index = podLabelIndexOf(context.resources);
    for (const service of context.resources) {
      if (!isKindOf(service, "Service", [""])) continue;
      const selected = selectedBy(service, index);
      const templates = selected.flatMap((s) => (s.template ? [s.template] : []));
      if (templates.length === 0) continue;
      const ports = dig(service.object, ["spec", "ports"]);
      if (!Array.isArray(ports)) continue;
      const declared = templates.map((t) => ({ template: t, ports: declaredPorts(t) }));
      // Only a finding's message needs these.
      const pods = () => [...new Set(templates.map((t) => describeObject(t.resource, false)))].join(", ");
      ports.forEach((port, i) => {
        if (!isObject(port)) return;
        const protocol = typeof port.protocol === "string" ? port.protocol : "TCP";
        const raw = port.targetPort ?? port.port;
        const path = port.targetPort !== undefined ? ["spec", "ports", i, "targetPort"] : ["spec", "ports", i, "port"];
        const head = () => `${describeObject(service, false)} port ${portLabel(port, i)} targets`;
        const numeric = typeof raw === "number" ? raw : typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : undefined;
        if (numeric !== undefined) {
          const judged = declared.filter((d) => d.ports.length > 0);
          if (judged.length === 0 || judged.some((d) => d.ports.some((p) => p.number === numeric))) return;
          context.report({ resource: service, path, message: `${head()} port ${numeric}, but no container of the pods it selects (${pods()}) declares containerPort ${numeric} (declared: ${list(judged.flatMap((d) => d.ports))})` });
          return;
        }
        if (typeof raw !== "string" || raw === "") return;
        // A pod whose spec kforge cannot read might declare the name.
        if (selected.some((s) => !s.template)) return;
        if (declared.some((d) => d.ports.some((p) => p.name === raw && p.protocol === protocol))) return;
        const otherProtocol = declared.flatMap((d) => d.ports).find((p) => p.name === raw);
        const why = otherProtocol
          ? `the selected containers declare it with protocol ${otherProtocol.protocol}, not ${protocol}`
          : `no container of the pods it selects (${pods()}) declares a port named ${JSON.stringify(raw)} (declared: ${list(declared.flatMap((d) => d.ports)) || "none"})`;
        context.report({ resource: service, path, message: `${head()} the named port ${JSON.stringify(raw)}, but ${why}` });
      });
    }
  },
};

/** Ports of the containers that serve traffic: regular containers and sidecars (restartable init containers). */
function declaredPorts(template: PodTemplate): DeclaredPort[] {
  const out: DeclaredPort[] = [];
  for (const { container, init } of containersOf(template)) {
    if (init && (container as { restartPolicy?: unknown }).restartPolicy !== "Always") continue;
    const ports = (container as { ports?: unknown }).ports;
    if (!Array.isArray(ports)) continue;
    for (const port of ports) {
      if (!isObject(port) || typeof port.containerPort !== "number") continue;
      out.push({
        number: port.containerPort,
        name: typeof port.name === "string" ? port.name : undefined,
        protocol: typeof port.protocol === "string" ? port.protocol : "TCP",
      });
    }
  }
  return out;
}

function list(ports: DeclaredPort[]): string {
  const shown = [...new Set(ports.map((p) => `${p.number}/${p.protocol}${p.name ? ` ${p.name}` : ""}`))];
  return shown.join(", ");
}
