import type { Resource } from "../../resources/resource.js";
import type { Rule, RuleContext } from "../rule.js";
import { RBAC_GROUP, describeObject, isKindOf } from "../kube/api-kinds.js";
import { bindingReferences, claimStorageClassReferences, podSpecReferences, type ObjectReference, type ReferencedKind } from "../kube/object-references.js";
import { scopeResolver } from "../kube/resource-scope.js";
import { producedSecrets } from "../kube/secret-producers.js";
import { dig, namespaceOf, podTemplates } from "../kube/workloads.js";

/** Where each referenced kind lives in the set, and the `target.provided` list that can stand in for it. */
const KINDS: Record<ReferencedKind, { groups: readonly string[]; provided?: string; clusterScoped?: boolean }> = {
  ConfigMap: { groups: [""], provided: "configMaps" },
  Secret: { groups: [""], provided: "secrets" },
  PersistentVolumeClaim: { groups: [""], provided: "persistentVolumeClaims" },
  ServiceAccount: { groups: [""], provided: "serviceAccounts" },
  Namespace: { groups: [""], provided: "namespaces", clusterScoped: true },
  StorageClass: { groups: ["storage.k8s.io"], provided: "storageClasses", clusterScoped: true },
  Role: { groups: [RBAC_GROUP] },
  ClusterRole: { groups: [RBAC_GROUP], clusterScoped: true },
};

/** Namespaces every cluster has. */
const BUILTIN_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];

export const rule: Rule = {
  meta: {
    id: "missing-reference",
    defaultSeverity: "error",
    description: "A ConfigMap, Secret, PVC, ServiceAccount, Namespace, StorageClass or Role is referenced but defined nowhere.",
    rationale:
      "A pod that mounts a missing ConfigMap or Secret stays in ContainerCreating, a missing ServiceAccount makes the " +
      "ReplicaSet fail to create pods, a claim with an unknown storage class stays Pending, and objects in a missing " +
      "namespace are rejected by the API server. None of this shows until the apply or the rollout.",
    remediation:
      "Add the referenced object to the set, fix the name (and namespace) of the reference, mark an env or volume " +
      "reference `optional: true` if the workload can run without it, or declare the object under the cluster's provided objects.",
  },
  check(context) {
    // Severity: error in cluster mode; in files mode a warning, and one info per namespace.
    const exists = existenceIndex(context);
    const clusterScoped = scopeResolver(context.resources);
    const cluster = context.target.mode === "cluster";
    // Linting files, a namespace made elsewhere (by the platform, another repository) is the
    // common case: one note per namespace, at its first use, instead of one per object in it.
    const outsideNamespaces = new Map<string, { resource: Resource; ref: ObjectReference; count: number }>();
    for (const { resource, refs } of collectReferences(context.resources, clusterScoped)) {
      for (const ref of refs) {
        if (exists(ref)) continue;
        if (!cluster && ref.kind === "Namespace") {
          const seen = outsideNamespaces.get(ref.name);
          if (seen) seen.count++;
          else outsideNamespaces.set(ref.name, { resource, ref, count: 1 });
          continue;
        }
        const id = KINDS[ref.kind].clusterScoped ? ref.name : `${ref.namespace}/${ref.name}`;
        const where = cluster
          ? "which exists nowhere: it is neither in the set nor provided by the cluster"
          : "which is not in the linted files (fine only if it is created elsewhere)";
        context.report({
          resource,
          path: ref.path,
          severity: cluster ? "error" : "warning",
          message: `${describeObject(resource, clusterScoped(resource))} references ${ref.kind} ${id} (${ref.via}), ${where}`,
        });
      }
    }
    for (const [name, { resource, ref, count }] of outsideNamespaces) {
      const others = count > 1 ? ` and ${count - 1} other object${count === 2 ? "" : "s"}` : "";
      context.report({
        resource,
        path: ref.path,
        severity: "info",
        message: `Namespace ${name} is not in the linted files (fine if it is created elsewhere); it is used by ${describeObject(resource, clusterScoped(resource))} (${ref.via})${others}`,
        remediation: `Add a Namespace ${name} manifest to the files if nothing else creates it; in a kforge cluster, list it under spec.provided.namespaces.`,
      });
    }
  },
};

function collectReferences(resources: readonly Resource[], clusterScoped: (r: Resource) => boolean) {
  const byResource = new Map<Resource, ObjectReference[]>();
  const refsOf = (resource: Resource) => byResource.get(resource) ?? byResource.set(resource, []).get(resource)!;
  for (const resource of resources) {
    const ns = resource.object.metadata?.namespace;
    if (typeof ns === "string" && ns !== "" && !clusterScoped(resource)) {
      refsOf(resource).push({ kind: "Namespace", namespace: "", name: ns, path: ["metadata", "namespace"], via: "metadata.namespace" });
    }
    refsOf(resource).push(...bindingReferences(resource), ...claimStorageClassReferences(resource));
  }
  for (const template of podTemplates(resources)) refsOf(template.resource).push(...podSpecReferences(template));
  return [...byResource].map(([resource, refs]) => ({ resource, refs }));
}

/** Answers whether a referenced object is in the set, provided by the target, or built in. */
function existenceIndex(context: RuleContext): (ref: ObjectReference) => boolean {
  const known = new Set<string>();
  const add = (kind: string, ns: string, name: string) => known.add(`${kind}|${ns}|${name}`);
  for (const resource of context.resources) {
    const kind = String(resource.object.kind);
    const name = resource.object.metadata?.name;
    const spec = Object.hasOwn(KINDS, kind) ? KINDS[kind as ReferencedKind] : undefined;
    if (spec && typeof name === "string" && isKindOf(resource, kind, spec.groups)) add(kind, spec.clusterScoped ? "" : namespaceOf(resource), name);
    // SealedSecrets, ExternalSecrets, cert-manager Certificates, ... become Secrets in the cluster.
    for (const secret of producedSecrets(resource)) add("Secret", secret.namespace, secret.name);
    // Statically provisioned volumes carry class names that need no StorageClass object.
    const className = dig(resource.object, ["spec", "storageClassName"]);
    if (typeof className === "string" && isKindOf(resource, "PersistentVolume", [""])) add("StorageClass", "", className);
  }
  for (const ns of BUILTIN_NAMESPACES) add("Namespace", "", ns);
  const provided = context.target.provided as unknown as Record<string, unknown> | undefined;
  for (const [kind, spec] of Object.entries(KINDS)) {
    const list = spec.provided ? provided?.[spec.provided] : undefined;
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      if (typeof entry !== "string" || entry === "") continue;
      const slash = entry.indexOf("/");
      if (spec.clusterScoped) add(kind, "", entry);
      // An entry without "namespace/" is taken to exist in every namespace rather than guessed.
      else if (slash < 0) add(kind, "*", entry);
      else add(kind, entry.slice(0, slash), entry.slice(slash + 1));
    }
  }
  return (ref) => known.has(`${ref.kind}|${ref.namespace}|${ref.name}`) || known.has(`${ref.kind}|*|${ref.name}`);
}
