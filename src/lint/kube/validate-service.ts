import type { FieldPath } from "../../resources/resource.js";
import { duplicate, invalid, invalidEach, required, type FieldError } from "./field-errors.js";
import { validateLabels } from "./validate-metadata.js";
import { enumError, PROTOCOLS } from "./validate-pod-spec.js";
import { isDNS1123Label, isValidPortName, isValidPortNum } from "./name-rules.js";
import { isObject } from "./workloads.js";

export const SERVICE_TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
export const SESSION_AFFINITIES = ["ClientIP", "None"];

/** ValidateService's checks on type, ports, session affinity and selector labels. */
export function validateServiceSpec(spec: unknown): FieldError[] {
  if (!isObject(spec)) return [];
  const errors: FieldError[] = [];
  errors.push(...enumError(spec.type, ["spec", "type"], SERVICE_TYPES));
  errors.push(...enumError(spec.sessionAffinity, ["spec", "sessionAffinity"], SESSION_AFFINITIES));
  errors.push(...validateLabels(spec.selector, ["spec", "selector"]));
  if (!Array.isArray(spec.ports)) return errors;
  const requireName = spec.ports.length > 1;
  const names = new Set<string>();
  const keys = new Set<string>();
  spec.ports.forEach((port: unknown, index: number) => {
    if (!isObject(port)) return;
    const at: FieldPath = ["spec", "ports", index];
    const name = port.name;
    if (name === undefined || name === null || name === "") {
      if (requireName) errors.push(required([...at, "name"], "", at));
    } else if (typeof name === "string") {
      errors.push(...invalidEach([...at, "name"], name, isDNS1123Label(name)));
      if (names.has(name)) errors.push(duplicate([...at, "name"], name));
      names.add(name);
    }
    const number = port.port;
    // A missing port is the schema's (it is required there).
    if (typeof number === "number") errors.push(...isValidPortNum(number).map((m) => invalid([...at, "port"], number, m)));
    errors.push(...enumError(port.protocol, [...at, "protocol"], PROTOCOLS));
    errors.push(...validateTargetPort(port.targetPort, [...at, "targetPort"]));
    if (typeof number === "number") {
      const protocol = typeof port.protocol === "string" && port.protocol !== "" ? port.protocol : "TCP";
      const key = `${number}/${protocol}`;
      if (keys.has(key)) errors.push(duplicate(at, { port: number, protocol }));
      keys.add(key);
    }
  });
  return errors;
}

/** A number 1..65535 or a port name; 0 and "" default to the port itself. */
function validateTargetPort(value: unknown, path: FieldPath): FieldError[] {
  if (typeof value === "number" && value !== 0) return isValidPortNum(value).map((m) => invalid(path, value, m));
  if (typeof value === "string" && value !== "") return invalidEach(path, value, isValidPortName(value));
  return [];
}
