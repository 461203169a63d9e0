import type { PodSpec, Container } from "kubernetes-types/core/v1.js";
import type { FieldPath, Resource } from "../../resources/resource.js";
import { isKindOf } from "./api-kinds.js";
import { asLabels, type Labels } from "./selectors.js";

/** A pod template inside a workload (or a bare Pod), with the paths rules report against. */
export interface PodTemplate {
  resource: Resource;
  kind: string;
  namespace: string;
  /** Path of the pod spec inside the resource, e.g. ["spec", "template", "spec"]. */
  specPath: FieldPath;
  spec: PodSpec;
  /** Labels the pods get, and where they are written. */
  labels: Labels;
  labelsPath: FieldPath;
  /**
   * How many pods run at once: `spec.replicas` (default 1) for replicated kinds, undefined for
   * kinds where it does not apply (DaemonSet: one per node, Job, Pod).
   */
  replicas: number | undefined;
  /** True for kinds whose pods run indefinitely (not Job, CronJob, or a Pod that terminates). */
  longRunning: boolean;
}

export interface ContainerRef {
  container: Container;
  path: FieldPath;
  init: boolean;
}

const TEMPLATE_PATH: Record<string, FieldPath> = {
  Deployment: ["spec", "template"],
  StatefulSet: ["spec", "template"],
  DaemonSet: ["spec", "template"],
  ReplicaSet: ["spec", "template"],
  ReplicationController: ["spec", "template"],
  Job: ["spec", "template"],
  CronJob: ["spec", "jobTemplate", "spec", "template"],
};
/** Groups that serve each built-in workload kind, including the legacy beta groups. */
export const WORKLOAD_GROUPS: Record<string, readonly string[]> = {
  Pod: [""],
  ReplicationController: [""],
  Deployment: ["apps", "extensions"],
  DaemonSet: ["apps", "extensions"],
  ReplicaSet: ["apps", "extensions"],
  StatefulSet: ["apps"],
  Job: ["batch"],
  CronJob: ["batch"],
};
const REPLICATED = new Set(["Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"]);

/** The templates of each linted set, read once for all the rules that ask (keyed by the set and its size). */
const templatesOfSet = new WeakMap<readonly Resource[], { size: number; templates: readonly PodTemplate[] }>();
/** Each resource's template (null: none), read once for all the rules that ask. */
const templateOfResource = new WeakMap<Resource, { object: Resource["object"]; template: PodTemplate | null }>();

/** Every pod template in the set: Pods and the pod templates of built-in workload kinds. The list is shared: read only. */
export function podTemplates(resources: readonly Resource[]): readonly PodTemplate[] {
  const known = templatesOfSet.get(resources);
  if (known && known.size === resources.length) return known.templates;
  const out: PodTemplate[] = [];
  for (const resource of resources) {
    const template = podTemplateOf(resource);
    if (template) out.push(template);
  }
  templatesOfSet.set(resources, { size: resources.length, templates: out });
  return out;
}

/** The pod template of a built-in workload; a custom kind that shares a name (another group) has none. Shared: read only. */
export function podTemplateOf(resource: Resource): PodTemplate | undefined {
  const known = templateOfResource.get(resource);
  if (known && known.object === resource.object) return known.template ?? undefined;
  const template = readPodTemplate(resource);
  templateOfResource.set(resource, { object: resource.object, template: template ?? null });
  return template;
}

function readPodTemplate(resource: Resource): PodTemplate | undefined {
  const kind = String(resource.object.kind);
  if (!Object.hasOwn(WORKLOAD_GROUPS, kind) || !isKindOf(resource, kind, WORKLOAD_GROUPS[kind])) return undefined;
  const namespace = namespaceOf(resource);
  if (kind === "Pod") {
    const spec = resource.object.spec as PodSpec | undefined;
    if (!isObject(spec)) return undefined;
    const restart = spec.restartPolicy ?? "Always";
    return { resource, kind, namespace, specPath: ["spec"], spec, labels: asLabels(resource.object.metadata?.labels), labelsPath: ["metadata", "labels"], replicas: undefined, longRunning: restart === "Always" };
  }
  const base = TEMPLATE_PATH[kind];
  if (!base) return undefined;
  const template = dig(resource.object, base);
  if (!isObject(template)) return undefined;
  const spec = (template as { spec?: unknown }).spec;
  if (!isObject(spec)) return undefined;
  const metadata = (template as { metadata?: { labels?: unknown } }).metadata;
  const rawReplicas = dig(resource.object, ["spec", "replicas"]);
  const replicas = REPLICATED.has(kind) ? (typeof rawReplicas === "number" ? rawReplicas : 1) : undefined;
  return {
    resource, kind, namespace,
    specPath: [...base, "spec"],
    spec: spec as PodSpec,
    labels: asLabels(metadata?.labels),
    labelsPath: [...base, "metadata", "labels"],
    replicas,
    longRunning: kind !== "Job" && kind !== "CronJob",
  };
}

/** Containers and init containers of a pod template, with their paths. */
export function containersOf(template: PodTemplate): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const [field, init] of [["initContainers", true], ["containers", false]] as const) {
    const list = template.spec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((container, index) => {
      if (isObject(container)) out.push({ container, path: [...template.specPath, field, index], init });
    });
  }
  return out;
}

/** The namespace of a resource; "default" when unset (as kubectl applies it). */
export function namespaceOf(resource: Resource): string {
  const ns = resource.object.metadata?.namespace;
  return typeof ns === "string" && ns !== "" ? ns : "default";
}

export function dig(value: unknown, path: FieldPath): unknown {
  let current = value;
  for (const step of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

export function isObject(value: unknown): value is Record<string, any> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
