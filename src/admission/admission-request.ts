import type { Resource } from "../resources/resource.js";
import { asLabels, type Labels } from "../lint/kube/selectors.js";
import { isObject } from "../lint/kube/workloads.js";
import type { MatchRequest } from "./admission-match.js";
import type { RequestVariables } from "./admission-evaluate.js";
import { resourceOf, toCel } from "./admission-resources.js";

export const NAME_LABEL = "kubernetes.io/metadata.name";

/** What the rule knows about namespaces: Namespace objects of the set, else just the name label the API server sets. */
export interface NamespaceLookup {
  labels(namespace: string): Labels;
  object(namespace: string): unknown;
}

export function namespaceLookup(resources: readonly Resource[]): NamespaceLookup {
  const namespaces = new Map<string, Resource>();
  for (const resource of resources) {
    const name = resource.object.metadata?.name;
    if (resource.object.kind === "Namespace" && resource.object.apiVersion === "v1" && typeof name === "string") namespaces.set(name, resource);
  }
  const labelsOf = (name: string): Labels => ({ ...asLabels(namespaces.get(name)?.object.metadata?.labels), [NAME_LABEL]: name });
  return {
    labels: labelsOf,
    object(name) {
      const found = namespaces.get(name);
      if (found) return toCel({ ...found.object, metadata: { ...found.object.metadata, labels: labelsOf(name) } });
      return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels: { [NAME_LABEL]: name } } };
    },
  };
}

export interface AdmissionRequest {
  match: MatchRequest;
  variables: RequestVariables;
}

/** The CREATE request of one object: what matching compares and what expressions see. */
export function admissionRequest(resource: Resource, clusterScoped: boolean, plurals: ReadonlyMap<string, string>, namespaces: NamespaceLookup): AdmissionRequest {
  const object = resource.object;
  const metadata = isObject(object.metadata) ? object.metadata : {};
  const name = typeof metadata.name === "string" ? metadata.name : "";
  const gvr = resourceOf(object, plurals);
  const kind = String(object.kind ?? "");
  // kubectl sends a namespaced object without a namespace to the context's namespace, "default" unless set.
  const namespace = clusterScoped ? "" : typeof metadata.namespace === "string" && metadata.namespace !== "" ? metadata.namespace : "default";
  const isNamespace = kind === "Namespace" && gvr.group === "";
  const labels = asLabels(metadata.labels);
  const namespaceLabels = isNamespace ? { ...labels, [NAME_LABEL]: name } : clusterScoped ? undefined : namespaces.labels(namespace);
  const groupVersionKind = { group: gvr.group, version: gvr.version, kind };
  const request = {
    operation: "CREATE",
    kind: groupVersionKind,
    resource: { ...gvr },
    subResource: "",
    requestKind: groupVersionKind,
    requestResource: { ...gvr },
    name,
    namespace,
    userInfo: { username: "", uid: "", groups: [] },
    dryRun: false,
    options: { apiVersion: "meta.k8s.io/v1", kind: "CreateOptions" },
  };
  return {
    match: { resource: gvr, name, namespace, namespaced: !clusterScoped, labels, namespaceLabels },
    variables: { object: toCel(object), request, namespaceObject: clusterScoped ? null : namespaces.object(namespace) },
  };
}
