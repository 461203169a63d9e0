import type { Resource } from "../resources/resource.js";
import { labelSelectorMatches, asLabels, type LabelSelector } from "../lint/kube/selectors.js";
import { isObject } from "../lint/kube/workloads.js";
import type { CompiledPolicy } from "./admission-compile.js";
import { toCel } from "./admission-resources.js";

/** The params a binding gives one request: values to evaluate with, nothing to do, or why the binding fails. */
export type ParamsOutcome = { params: unknown[] } | { skip: true } | { error: string };

/**
 * Resolves the binding's paramRef among `pool` (the set's objects and the repository's) as the
 * API server does: by name or selector, in paramRef.namespace or else the request's namespace
 * for a namespaced kind. Several matching objects each give one evaluation.
 */
export function resolveParams(policy: CompiledPolicy, binding: Resource, pool: readonly Resource[], namespace: string, isClusterScoped: (resource: Resource) => boolean): ParamsOutcome {
  if (!policy.paramKind) return { params: [null] };
  const spec = isObject(binding.object.spec) ? binding.object.spec : {};
  const ref = isObject(spec.paramRef) ? spec.paramRef : undefined;
  if (!ref) return { error: `failed to configure binding: the policy has paramKind ${policy.paramKind.kind} but the binding has no paramRef` };
  const { apiVersion, kind } = policy.paramKind;
  const candidates = pool.filter((resource) => resource.object.apiVersion === apiVersion && resource.object.kind === kind);
  const namespaced = !isClusterScoped(candidates[0] ?? ({ object: { apiVersion, kind } } as Resource));
  let inNamespace: string | undefined;
  if (namespaced) {
    inNamespace = typeof ref.namespace === "string" && ref.namespace !== "" ? ref.namespace : namespace;
    if (inNamespace === "") return { error: `failed to configure binding: cannot use a namespaced ${kind} as params of a cluster-scoped request without paramRef.namespace` };
  }
  const found = candidates.filter((resource) => {
    const metadata = resource.object.metadata ?? {};
    if (inNamespace !== undefined && metadata.namespace !== inNamespace) return false;
    if (typeof ref.name === "string" && ref.name !== "") return metadata.name === ref.name;
    return labelSelectorMatches(isObject(ref.selector) ? (ref.selector as LabelSelector) : {}, asLabels(metadata.labels));
  });
  if (found.length > 0) return { params: found.map((resource) => toCel(resource.object)) };
  const action = ref.parameterNotFoundAction === "Allow" ? "Allow" : "Deny";
  if (action === "Allow") return { skip: true };
  return { error: "failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction" };
}
