import type { FieldPath, Resource } from "../../resources/resource.js";
import type { Rule } from "../rule.js";
import { describeObject, isKindOf } from "../kube/api-kinds.js";
import { serviceType, servicesByName } from "../kube/services.js";
import { dig, isObject, namespaceOf } from "../kube/workloads.js";

/** One Service backend of an Ingress, in either the v1 or the v1beta1 form. */
interface ServiceBackend {
  name: string;
  namePath: FieldPath;
  port?: number | string;
  portPath: FieldPath;
}

export const rule: Rule = {
  meta: {
    id: "ingress-backend",
    defaultSeverity: "error",
    description: "An Ingress backend names a Service that is not in the Ingress's namespace, or a port that Service does not expose.",
    rationale:
      "An Ingress routes only to Services in its own namespace, by the Service's port number or port name (not the " +
      "container's targetPort). A backend naming a missing Service or port makes the controller answer 503 (or " +
      "reject the route) for that host and path.",
    remediation:
      "Point the backend at a Service in the Ingress's namespace and at one of its spec.ports, by port number " +
      "(service.port.number) or port name (service.port.name).",
  },
  check(context) {
    const services = servicesByName(context.resources);
    const files = context.target.mode === "files";
    for (const ingress of context.resources) {
      if (!isKindOf(ingress, "Ingress", ["networking.k8s.io", "extensions"])) continue;
      const who = describeObject(ingress, false);
      for (const backend of backendsOf(ingress)) {
        const serviceId = `${namespaceOf(ingress)}/${backend.name}`;
        const found = services.get(serviceId);
        if (!found) {
          context.report({
            resource: ingress, path: backend.namePath, severity: files ? "warning" : "error",
            message: files
              ? `${who} routes to Service ${serviceId}, which is not in the linted files: make sure it exists in namespace ${namespaceOf(ingress)}`
              : `${who} routes to Service ${serviceId}, which does not exist (an Ingress reaches only Services in its own namespace)`,
          });
          continue;
        }
        if (backend.port === undefined) continue;
        const ports = found.flatMap((s) => {
          const list = dig(s.object, ["spec", "ports"]);
          return Array.isArray(list) ? list.filter(isObject) : [];
        });
        // An ExternalName Service may list no ports: the controller then uses the backend's port as is.
        if (ports.length === 0 && found.some((s) => serviceType(s) === "ExternalName")) continue;
        const wanted = backend.port;
        const byNumber = typeof wanted === "number";
        if (ports.some((p) => (byNumber ? p.port === wanted : p.name === wanted))) continue;
        const exposed = ports.map((p) => (typeof p.name === "string" && p.name !== "" ? `${String(p.port)} (${p.name})` : String(p.port))).join(", ");
        context.report({
          resource: ingress, path: backend.portPath,
          message: `${who} routes to ${byNumber ? "port" : "port name"} ${byNumber ? wanted : JSON.stringify(wanted)} of Service ${serviceId}, which exposes ${exposed ? `only ${exposed}` : "no ports"}`,
        });
      }
    }
  },
};

/** defaultBackend/backend and every rule path backend; Resource backends and odd shapes are skipped. */
function backendsOf(ingress: Resource): ServiceBackend[] {
  const at: FieldPath[] = [["spec", "defaultBackend"], ["spec", "backend"]];
  const rules = dig(ingress.object, ["spec", "rules"]);
  if (Array.isArray(rules)) {
    rules.forEach((rule, i) => {
      const paths = dig(rule, ["http", "paths"]);
      if (Array.isArray(paths)) paths.forEach((_, j) => at.push(["spec", "rules", i, "http", "paths", j, "backend"]));
    });
  }
  const out: ServiceBackend[] = [];
  for (const path of at) {
    const backend = dig(ingress.object, path);
    if (!isObject(backend)) continue;
    if (isObject(backend.service)) {
      const port = backend.service.port;
      const number = isObject(port) ? port.number : undefined;
      const name = isObject(port) ? port.name : undefined;
      const usable = typeof number === "number" ? number : typeof name === "string" && name !== "" ? name : undefined;
      const portPath = [...path, "service", "port", typeof number === "number" ? "number" : "name"];
      if (typeof backend.service.name === "string" && backend.service.name !== "") {
        out.push({ name: backend.service.name, namePath: [...path, "service", "name"], port: usable, portPath });
      }
    } else if (typeof backend.serviceName === "string" && backend.serviceName !== "") {
      const port = backend.servicePort;
      const usable = typeof port === "number" ? port : typeof port === "string" && /^\d+$/.test(port) ? Number(port) : typeof port === "string" && port !== "" ? port : undefined;
      out.push({ name: backend.serviceName, namePath: [...path, "serviceName"], port: usable, portPath: [...path, "servicePort"] });
    }
  }
  return out;
}
