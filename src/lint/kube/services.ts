import type { FieldPath, Resource } from "../../resources/resource.js";
import { isKindOf } from "./api-kinds.js";
import { asLabels, mapSelectorMatches, type Labels } from "./selectors.js";
import { WORKLOAD_GROUPS, dig, isObject, namespaceOf, podTemplateOf, type PodTemplate } from "./workloads.js";

/** Pods some object creates: a pod template's labels, and the template itself when its spec is readable. */
export interface PodLabelSource {
  resource: Resource;
  namespace: string;
  labels: Labels;
  labelsPath: FieldPath;
  template?: PodTemplate;
}

/** Where each built-in workload kind keeps the labels of its pods (the groups are WORKLOAD_GROUPS'). */
const BUILTIN_TEMPLATE_PATHS: Record<string, FieldPath> = {
  Pod: [],
  ReplicationController: ["spec", "template"],
  Deployment: ["spec", "template"],
  DaemonSet: ["spec", "template"],
  ReplicaSet: ["spec", "template"],
  StatefulSet: ["spec", "template"],
  Job: ["spec", "template"],
  CronJob: ["spec", "jobTemplate", "spec", "template"],
};

/** Where workload-like custom resources (Argo Rollout, OpenShift DeploymentConfig, ...) keep a pod template. */
const CUSTOM_TEMPLATE_PATHS: readonly FieldPath[] = [["spec", "template"], ["spec", "jobTemplate", "spec", "template"]];

/**
 * Every object in the set that creates labelled pods: built-in workloads (even when their pod spec is
 * unreadable: the labels are what a Service selects), and custom resources whose spec.template looks
 * like a pod template. Counting a custom resource can only hide a "selects no pods" finding, never add one.
 * The list is shared: read only.
 */
export function podLabelSources(resources: readonly Resource[]): readonly PodLabelSource[] {
  const known = sourcesOfSet.get(resources);
  if (known && known.size === resources.length) return known.sources;
  const sources = readPodLabelSources(resources);
  sourcesOfSet.set(resources, { size: resources.length, sources });
  return sources;
}

/** Each linted set's pod label sources, read once for all the rules that ask (keyed by the set and its size). */
const sourcesOfSet = new WeakMap<readonly Resource[], { size: number; sources: readonly PodLabelSource[] }>();

function readPodLabelSources(resources: readonly Resource[]): PodLabelSource[] {
  const out: PodLabelSource[] = [];
  for (const resource of resources) {
    const kind = String(resource.object.kind);
    const base = Object.hasOwn(BUILTIN_TEMPLATE_PATHS, kind) ? BUILTIN_TEMPLATE_PATHS[kind] : undefined;
    if (base && isKindOf(resource, kind, WORKLOAD_GROUPS[kind])) {
      const labelsPath = [...base, "metadata", "labels"];
      const labels = dig(resource.object, labelsPath);
      const template = podTemplateOf(resource);
      if (isObject(labels) || template) out.push({ resource, namespace: namespaceOf(resource), labels: asLabels(labels), labelsPath, template });
      continue;
    }
    if (isKindOf(resource, "Service", [""]) || !isObject(resource.object.spec)) continue;
    for (const base of CUSTOM_TEMPLATE_PATHS) {
      const source = customSource(resource, base);
      if (source) {
        out.push(source);
        break;
      }
    }
  }
  return out;
}

function customSource(resource: Resource, base: FieldPath): PodLabelSource | undefined {
  const template = dig(resource.object, base);
  if (!isObject(template) || !isObject(template.metadata) || !isObject(template.metadata.labels)) return undefined;
  const spec = template.spec;
  if (spec !== undefined && !(isObject(spec) && Array.isArray(spec.containers))) return undefined;
  const namespace = namespaceOf(resource);
  const labels = asLabels(template.metadata.labels);
  const labelsPath = [...base, "metadata", "labels"];
  const replicas = dig(resource.object, ["spec", "replicas"]);
  const podTemplate: PodTemplate | undefined = isObject(spec)
    ? { resource, kind: String(resource.object.kind), namespace, specPath: [...base, "spec"], spec: spec as PodTemplate["spec"], labels, labelsPath, replicas: typeof replicas === "number" ? replicas : undefined, longRunning: true }
    : undefined;
  return { resource, namespace, labels, labelsPath, template: podTemplate };
}

/** Each linted set's Services by name, read once for all the rules that ask (keyed by the set and its size). */
const servicesOfSet = new WeakMap<readonly Resource[], { size: number; services: ReadonlyMap<string, readonly Resource[]> }>();

/** Core v1 Services, keyed "namespace/name" (a name may be defined more than once in a file set). Shared: read only. */
export function servicesByName(resources: readonly Resource[]): ReadonlyMap<string, readonly Resource[]> {
  const known = servicesOfSet.get(resources);
  if (known && known.size === resources.length) return known.services;
  const out = new Map<string, Resource[]>();
  for (const resource of resources) {
    if (!isKindOf(resource, "Service", [""])) continue;
    const name = resource.object.metadata?.name;
    if (typeof name !== "string" || name === "") continue;
    const key = `${namespaceOf(resource)}/${name}`;
    const list = out.get(key);
    if (list) list.push(resource);
    else out.set(key, [resource]);
  }
  servicesOfSet.set(resources, { size: resources.length, services: out });
  return out;
}

/** spec.type, defaulting to ClusterIP. */
export function serviceType(service: Resource): string {
  const type = dig(service.object, ["spec", "type"]);
  return typeof type === "string" && type !== "" ? type : "ClusterIP";
}

export function isHeadless(service: Resource): boolean {
  return dig(service.object, ["spec", "clusterIP"]) === "None";
}

/** The Service's selector when it selects pods: a non-empty map on a Service that is not ExternalName. */
export function serviceSelector(service: Resource): Record<string, unknown> | undefined {
  if (serviceType(service) === "ExternalName") return undefined;
  const selector = dig(service.object, ["spec", "selector"]);
  return isObject(selector) && Object.keys(selector).length > 0 ? selector : undefined;
}

/**
 * Pod sources by namespace and label ("ns\0key=value"), so that matching thousands of Services
 * against thousands of pod templates looks at the few candidates sharing a label, not at all.
 */
export class PodLabelIndex {
  private readonly byLabel = new Map<string, PodLabelSource[]>();

  constructor(readonly sources: readonly PodLabelSource[]) {
    for (const source of sources) {
      for (const [key, value] of Object.entries(source.labels)) {
        const slot = `${source.namespace}\u0000${key}=${value}`;
        const list = this.byLabel.get(slot);
        if (list) list.push(source);
        else this.byLabel.set(slot, [source]);
      }
    }
  }

  /** Several rules ask about the same Service's selector. */
  private readonly answers = new WeakMap<Record<string, unknown>, { namespace: string; sources: readonly PodLabelSource[] }>();

  /** Sources in `namespace` whose labels include every entry of a (non-empty) map selector. Shared: read only. */
  matching(namespace: string, selector: Record<string, unknown>): readonly PodLabelSource[] {
    const known = this.answers.get(selector);
    if (known && known.namespace === namespace) return known.sources;
    const [key, value] = Object.entries(selector)[0];
    const candidates = this.byLabel.get(`${namespace}\u0000${key}=${String(value)}`) ?? [];
    const sources = candidates.filter((s) => mapSelectorMatches(selector, s.labels));
    this.answers.set(selector, { namespace, sources });
    return sources;
  }
}

const indexOfSet = new WeakMap<readonly Resource[], { size: number; index: PodLabelIndex }>();

/** The PodLabelIndex of a set's pod label sources, built once for all the rules that ask. */
export function podLabelIndexOf(resources: readonly Resource[]): PodLabelIndex {
  const known = indexOfSet.get(resources);
  if (known && known.size === resources.length) return known.index;
  const index = new PodLabelIndex(podLabelSources(resources));
  indexOfSet.set(resources, { size: resources.length, index });
  return index;
}

/** The pod sources in the Service's namespace whose labels its selector matches. */
export function selectedBy(service: Resource, index: PodLabelIndex): readonly PodLabelSource[] {
  const selector = serviceSelector(service);
  if (!selector) return [];
  return index.matching(namespaceOf(service), selector);
}

/** "app=web,tier=frontend". */
export function formatLabels(labels: Record<string, unknown>): string {
  return Object.entries(labels).map(([k, v]) => `${k}=${String(v)}`).join(",");
}
