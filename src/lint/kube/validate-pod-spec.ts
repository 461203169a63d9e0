import type { FieldPath } from "../../resources/resource.js";
import { duplicate, fieldPathText, invalid, invalidEach, notFound, notSupported, required, warning, type FieldError } from "./field-errors.js";
import { isDNS1123Label, isValidPortName, isValidPortNum } from "./name-rules.js";
import { isObject } from "./workloads.js";

export const PULL_POLICIES = ["Always", "IfNotPresent", "Never"];
export const RESTART_POLICIES = ["Always", "OnFailure", "Never"];
export const PROTOCOLS = ["SCTP", "TCP", "UDP"];
export const DNS_POLICIES = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];
export const TERMINATION_MESSAGE_POLICIES = ["File", "FallbackToLogsOnError"];

const CONTAINER_LISTS = ["containers", "initContainers", "ephemeralContainers"] as const;

interface ContainerAt {
  container: Record<string, any>;
  path: FieldPath;
  list: (typeof CONTAINER_LISTS)[number];
}

/**
 * ValidatePodSpec as far as the API server checks what a schema cannot say: names and their
 * uniqueness, required images, port numbers and names, enums, mounts of volumes that exist.
 * Empty enum fields are fine: the API server fills in its defaults first.
 */
export function validatePodSpec(spec: Record<string, any>, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const volumes = validateVolumes(spec.volumes, [...path, "volumes"], errors);
  const containers = containersIn(spec, path);
  const names = new Set<string>();
  for (const { container, path: at, list } of containers) {
    const name = container.name;
    // A missing name is the schema's (it is required there); an empty one is the API server's.
    if (name === "") errors.push(required([...at, "name"]));
    else if (typeof name === "string") {
      const problems = isDNS1123Label(name);
      if (problems.length > 0) errors.push(...invalidEach([...at, "name"], name, problems));
      if (names.has(name)) errors.push(duplicate([...at, "name"], name));
      names.add(name);
    }
    if (list === "ephemeralContainers") continue;
    if (container.image === undefined || container.image === null) errors.push(required([...at, "image"], "", at));
    else if (container.image === "") errors.push(required([...at, "image"]));
    // Paths are built only for what is set: most containers leave these out.
    if (isSet(container.imagePullPolicy)) errors.push(...enumError(container.imagePullPolicy, [...at, "imagePullPolicy"], PULL_POLICIES));
    if (isSet(container.terminationMessagePolicy)) errors.push(...enumError(container.terminationMessagePolicy, [...at, "terminationMessagePolicy"], TERMINATION_MESSAGE_POLICIES));
    if (Array.isArray(container.ports)) errors.push(...validateContainerPorts(container.ports, [...at, "ports"]));
    if (Array.isArray(container.volumeMounts)) errors.push(...validateVolumeMounts(container.volumeMounts, [...at, "volumeMounts"], volumes));
    if (Array.isArray(container.env)) errors.push(...envWarnings(container.env, [...at, "env"]));
  }
  errors.push(...hostPortErrors(containers, spec.hostNetwork === true));
  errors.push(...portWarnings(containers));
  if (isSet(spec.dnsPolicy)) errors.push(...enumError(spec.dnsPolicy, [...path, "dnsPolicy"], DNS_POLICIES));
  return errors;
}

/** A value enumError judges (it passes over anything else). */
function isSet(value: unknown): boolean {
  return typeof value === "string" && value !== "";
}

/** Containers in the order the API server checks name uniqueness: containers, init, ephemeral. */
function containersIn(spec: Record<string, any>, path: FieldPath): ContainerAt[] {
  const out: ContainerAt[] = [];
  for (const list of CONTAINER_LISTS) {
    const items = spec[list];
    if (!Array.isArray(items)) continue;
    items.forEach((container, index) => {
      if (isObject(container)) out.push({ container, path: [...path, list, index], list });
    });
  }
  return out;
}

/** A set string field outside its enum; unset and empty values get the API server's default. */
export function enumError(value: unknown, path: FieldPath, supported: readonly string[]): FieldError[] {
  if (typeof value !== "string" || value === "" || supported.includes(value)) return [];
  return [notSupported(path, value, supported)];
}

function validateVolumes(volumes: unknown, path: FieldPath, errors: FieldError[]): Set<string> {
  const names = new Set<string>();
  if (!Array.isArray(volumes)) return names;
  volumes.forEach((volume, index) => {
    if (!isObject(volume)) return;
    const at = [...path, index];
    const name = volume.name;
    if (name === "") errors.push(required([...at, "name"]));
    if (typeof name !== "string" || name === "") return;
    const problems = isDNS1123Label(name);
    if (problems.length > 0) errors.push(...invalidEach([...at, "name"], name, problems));
    if (names.has(name)) errors.push(duplicate([...at, "name"], name));
    names.add(name);
  });
  return names;
}

function validateContainerPorts(ports: unknown, path: FieldPath): FieldError[] {
  if (!Array.isArray(ports)) return [];
  const errors: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, index) => {
    if (!isObject(port)) return;
    const at = [...path, index];
    if (typeof port.name === "string" && port.name !== "") {
      const problems = isValidPortName(port.name);
      if (problems.length > 0) errors.push(...invalidEach([...at, "name"], port.name, problems));
      else if (names.has(port.name)) errors.push(duplicate([...at, "name"], port.name));
      else names.add(port.name);
    }
    if (port.containerPort === 0) errors.push(required([...at, "containerPort"]));
    else if (typeof port.containerPort === "number") errors.push(...isValidPortNum(port.containerPort).map((m) => invalid([...at, "containerPort"], port.containerPort, m)));
    if (typeof port.hostPort === "number" && port.hostPort !== 0) errors.push(...isValidPortNum(port.hostPort).map((m) => invalid([...at, "hostPort"], port.hostPort, m)));
    if (isSet(port.protocol)) errors.push(...enumError(port.protocol, [...at, "protocol"], PROTOCOLS));
  });
  return errors;
}

function validateVolumeMounts(mounts: unknown, path: FieldPath, volumes: ReadonlySet<string>): FieldError[] {
  if (!Array.isArray(mounts)) return [];
  const errors: FieldError[] = [];
  const mountPaths = new Set<string>();
  mounts.forEach((mount, index) => {
    if (!isObject(mount)) return;
    const at = [...path, index];
    if (mount.name === "") errors.push(required([...at, "name"]));
    else if (typeof mount.name === "string" && !volumes.has(mount.name)) {
      const known = volumes.size > 0 ? `the pod's volumes are ${[...volumes].map((v) => JSON.stringify(v)).join(", ")}` : "the pod has no volumes";
      errors.push(notFound([...at, "name"], mount.name, known));
    }
    if (typeof mount.mountPath === "string" && mount.mountPath !== "") {
      if (mountPaths.has(mount.mountPath)) errors.push(invalid([...at, "mountPath"], mount.mountPath, "must be unique"));
      mountPaths.add(mount.mountPath);
    }
  });
  return errors;
}

/**
 * A repeated env name: the API server keeps the last one but warns, unless the later value only
 * extends the earlier one through `$(NAME)`. Apply may drop one of the two.
 */
function envWarnings(env: unknown, path: FieldPath): FieldError[] {
  if (!Array.isArray(env)) return [];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  env.forEach((item, index) => {
    if (!isObject(item) || typeof item.name !== "string") return;
    if (!seen.has(item.name)) {
      seen.add(item.name);
      return;
    }
    const reference = `$(${item.name})`;
    const value = typeof item.value === "string" ? item.value : "";
    if (item.valueFrom !== undefined || value === reference || !value.includes(reference)) {
      errors.push(warning([...path, index], `hides previous definition of ${JSON.stringify(item.name)}, which may be dropped when using apply`));
    }
  });
  return errors;
}

/**
 * The same containerPort and protocol (default TCP), with the same hostIP and hostPort, twice in
 * one pod: the API server warns, and the two entries share one list-map key.
 */
function portWarnings(containers: readonly ContainerAt[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Map<string, FieldPath>();
  // The API server visits init containers first, then containers, then ephemeral containers.
  const order = ["initContainers", "containers", "ephemeralContainers"];
  const visited = [...containers].sort((a, b) => order.indexOf(a.list) - order.indexOf(b.list));
  for (const { container, path } of visited) {
    if (!Array.isArray(container.ports)) continue;
    container.ports.forEach((port: unknown, index: number) => {
      if (!isObject(port) || typeof port.containerPort !== "number") return;
      const protocol = typeof port.protocol === "string" && port.protocol !== "" ? port.protocol : "TCP";
      const key = `${port.containerPort}/${protocol}/${String(port.hostIP ?? "")}/${String(port.hostPort ?? 0)}`;
      const at = [...path, "ports", index];
      const first = seen.get(key);
      if (first) errors.push(warning(at, `duplicate port definition with ${fieldPathText(first)} (containerPort ${port.containerPort}, protocol ${protocol})`));
      else seen.set(key, at);
    });
  }
  return errors;
}

/**
 * checkHostPortConflicts: one hostPort (per protocol and hostIP) for the whole pod's containers;
 * with hostNetwork a hostPort must be its containerPort (it defaults to it).
 */
function hostPortErrors(containers: readonly ContainerAt[], hostNetwork: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const { container, path, list } of containers) {
    if (list !== "containers" || !Array.isArray(container.ports)) continue;
    container.ports.forEach((port: unknown, index: number) => {
      if (!isObject(port) || typeof port.hostPort !== "number" || port.hostPort === 0) return;
      const at = [...path, "ports", index, "hostPort"];
      if (hostNetwork && typeof port.containerPort === "number" && port.hostPort !== port.containerPort) {
        errors.push(invalid(at, port.hostPort, "must match `containerPort` when `hostNetwork` is true"));
      }
      const protocol = typeof port.protocol === "string" && port.protocol !== "" ? port.protocol : "TCP";
      const key = `${protocol}/${typeof port.hostIP === "string" ? port.hostIP : ""}/${port.hostPort}`;
      if (seen.has(key)) errors.push(duplicate(at, key));
      seen.add(key);
    });
  }
  return errors;
}
