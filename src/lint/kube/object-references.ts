import type { FieldPath, Resource } from "../../resources/resource.js";
import { RBAC_GROUP, isKindOf, nameOrIndex } from "./api-kinds.js";
import { containersOf, dig, isObject, namespaceOf, type PodTemplate } from "./workloads.js";

export type ReferencedKind =
  | "ConfigMap" | "Secret" | "PersistentVolumeClaim" | "ServiceAccount"
  | "Namespace" | "StorageClass" | "Role" | "ClusterRole";

/** One object a manifest names, and where it names it. */
export interface ObjectReference {
  kind: ReferencedKind;
  /** "" for cluster-scoped kinds. */
  namespace: string;
  name: string;
  /** Path of the value node that holds the name. */
  path: FieldPath;
  /** What holds the reference, for messages: `volume "config"`, `env DB_PASSWORD`. */
  via: string;
}

const STORAGE_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

/** Volume sources that name a Secret in the pod's namespace through a `secretRef`-like field. */
const SECRET_REF_VOLUMES: readonly (readonly [string, string])[] = [
  ["csi", "nodePublishSecretRef"], ["cephfs", "secretRef"], ["rbd", "secretRef"], ["flexVolume", "secretRef"],
  ["iscsi", "secretRef"], ["scaleIO", "secretRef"], ["storageos", "secretRef"],
];

const nonEmpty = (value: unknown): value is string => typeof value === "string" && value !== "";
const optional = (source: unknown) => isObject(source) && source.optional === true;

type AddReference = (kind: ReferencedKind, name: unknown, path: FieldPath, via: string) => void;

/** ConfigMaps, Secrets, claims, the service account and storage classes a pod template uses. */
export function podSpecReferences(template: PodTemplate): ObjectReference[] {
  const refs: ObjectReference[] = [];
  const add: AddReference = (kind, name, path, via) => {
    if (nonEmpty(name)) refs.push({ kind, namespace: kind === "StorageClass" ? "" : template.namespace, name, path, via });
  };
  const base = template.specPath;
  const volumes = template.spec.volumes;
  if (Array.isArray(volumes)) volumes.forEach((volume, i) => isObject(volume) && volumeReferences(volume, [...base, "volumes", i], i, add));
  for (const { container, path } of containersOf(template)) containerReferences(container, path, add);
  const pullSecrets = template.spec.imagePullSecrets;
  if (Array.isArray(pullSecrets)) {
    pullSecrets.forEach((entry, i) => isObject(entry) && add("Secret", entry.name, [...base, "imagePullSecrets", i, "name"], "imagePullSecrets"));
  }
  // serviceAccount is the deprecated spelling; serviceAccountName wins when both are set.
  const spec = template.spec as unknown as Record<string, unknown>;
  const saField = nonEmpty(spec.serviceAccountName) ? "serviceAccountName" : "serviceAccount";
  if (spec[saField] !== "default") add("ServiceAccount", spec[saField], [...base, saField], saField);
  return refs;
}

function volumeReferences(volume: Record<string, any>, at: FieldPath, index: number, add: AddReference): void {
  const via = `volume ${nameOrIndex(volume, index)}`;
  if (isObject(volume.configMap) && !optional(volume.configMap)) add("ConfigMap", volume.configMap.name, [...at, "configMap", "name"], via);
  if (isObject(volume.secret) && !optional(volume.secret)) add("Secret", volume.secret.secretName, [...at, "secret", "secretName"], via);
  if (isObject(volume.persistentVolumeClaim)) add("PersistentVolumeClaim", volume.persistentVolumeClaim.claimName, [...at, "persistentVolumeClaim", "claimName"], via);
  if (isObject(volume.azureFile)) add("Secret", volume.azureFile.secretName, [...at, "azureFile", "secretName"], via);
  for (const [type, field] of SECRET_REF_VOLUMES) {
    const ref = dig(volume, [type, field]);
    if (isObject(ref)) add("Secret", ref.name, [...at, type, field, "name"], via);
  }
  const sources = dig(volume, ["projected", "sources"]);
  if (Array.isArray(sources)) {
    sources.forEach((source, j) => {
      if (!isObject(source)) return;
      const sat = [...at, "projected", "sources", j];
      if (isObject(source.configMap) && !optional(source.configMap)) add("ConfigMap", source.configMap.name, [...sat, "configMap", "name"], via);
      if (isObject(source.secret) && !optional(source.secret)) add("Secret", source.secret.name, [...sat, "secret", "name"], via);
    });
  }
  const claimSpec = dig(volume, ["ephemeral", "volumeClaimTemplate", "spec"]);
  if (isObject(claimSpec)) add("StorageClass", claimSpec.storageClassName, [...at, "ephemeral", "volumeClaimTemplate", "spec", "storageClassName"], via);
}

function containerReferences(container: object, path: FieldPath, add: AddReference): void {
  const label = `container ${nameOrIndex(container, path[path.length - 1])}`;
  const { env, envFrom } = container as { env?: unknown; envFrom?: unknown };
  if (Array.isArray(env)) {
    env.forEach((entry, k) => {
      const from = isObject(entry) ? entry.valueFrom : undefined;
      if (!isObject(from)) return;
      for (const [field, kind] of [["configMapKeyRef", "ConfigMap"], ["secretKeyRef", "Secret"]] as const) {
        const ref = from[field];
        if (isObject(ref) && !optional(ref)) add(kind, ref.name, [...path, "env", k, "valueFrom", field, "name"], `${label} env ${String(entry.name)}`);
      }
    });
  }
  if (Array.isArray(envFrom)) {
    envFrom.forEach((entry, k) => {
      if (!isObject(entry)) return;
      for (const [field, kind] of [["configMapRef", "ConfigMap"], ["secretRef", "Secret"]] as const) {
        const ref = entry[field];
        if (isObject(ref) && !optional(ref)) add(kind, ref.name, [...path, "envFrom", k, field, "name"], `${label} envFrom`);
      }
    });
  }
}

/**
 * Storage classes named by a core PVC. A StatefulSet's volumeClaimTemplates are judged by
 * `statefulset-storage`, which knows about default classes; reporting them here too would say
 * the same thing twice.
 */
export function claimStorageClassReferences(resource: Resource): ObjectReference[] {
  if (!isKindOf(resource, "PersistentVolumeClaim", [""])) return [];
  // A claim pre-bound to a volume matches that volume's class name; no StorageClass is needed.
  if (nonEmpty(dig(resource.object, ["spec", "volumeName"]))) return [];
  return claimClass(resource.object, [], "spec.storageClassName");
}

function claimClass(claim: Record<string, unknown>, at: FieldPath, via: string): ObjectReference[] {
  // An empty storageClassName asks for no class at all (static volumes), so it names nothing.
  const className = dig(claim, ["spec", "storageClassName"]);
  if (typeof className === "string") {
    return className === "" ? [] : [{ kind: "StorageClass", namespace: "", name: className, path: [...at, "spec", "storageClassName"], via }];
  }
  const annotated = dig(claim, ["metadata", "annotations", STORAGE_CLASS_ANNOTATION]);
  if (!nonEmpty(annotated)) return [];
  return [{ kind: "StorageClass", namespace: "", name: annotated, path: [...at, "metadata", "annotations", STORAGE_CLASS_ANNOTATION], via }];
}

/** Service accounts and roles a RoleBinding or ClusterRoleBinding names. */
export function bindingReferences(resource: Resource): ObjectReference[] {
  const namespaced = isKindOf(resource, "RoleBinding", [RBAC_GROUP]);
  if (!namespaced && !isKindOf(resource, "ClusterRoleBinding", [RBAC_GROUP])) return [];
  const refs: ObjectReference[] = [];
  const subjects = dig(resource.object, ["subjects"]);
  if (Array.isArray(subjects)) {
    subjects.forEach((subject, i) => {
      if (!isObject(subject) || subject.kind !== "ServiceAccount" || !nonEmpty(subject.name)) return;
      // RBAC resolves a RoleBinding subject without a namespace in the binding's namespace.
      const ns = nonEmpty(subject.namespace) ? subject.namespace : namespaced ? namespaceOf(resource) : undefined;
      if (ns === undefined) return;
      const via = "subjects";
      // Every namespace has a "default" service account; only the namespace itself can be missing
      // (the binding's own namespace is checked through its metadata.namespace).
      if (subject.name === "default") {
        if (nonEmpty(subject.namespace)) refs.push({ kind: "Namespace", namespace: "", name: ns, path: ["subjects", i, "namespace"], via });
      } else {
        refs.push({ kind: "ServiceAccount", namespace: ns, name: subject.name, path: ["subjects", i, "name"], via });
      }
    });
  }
  const roleRef = dig(resource.object, ["roleRef"]);
  if (isObject(roleRef) && nonEmpty(roleRef.name)) {
    const path = ["roleRef", "name"];
    const ns = namespaceOf(resource);
    if (roleRef.kind === "ClusterRole" && !isBuiltinClusterRole(roleRef.name)) refs.push({ kind: "ClusterRole", namespace: "", name: roleRef.name, path, via: "roleRef" });
    if (roleRef.kind === "Role" && namespaced && !isBuiltinRole(ns, roleRef.name)) refs.push({ kind: "Role", namespace: ns, name: roleRef.name, path, via: "roleRef" });
  }
  return refs;
}

/** The API server's bootstrap roles: user-facing ClusterRoles and everything named system:*. */
const BUILTIN_CLUSTER_ROLES = new Set(["cluster-admin", "admin", "edit", "view"]);

function isBuiltinClusterRole(name: string): boolean {
  return BUILTIN_CLUSTER_ROLES.has(name) || name.startsWith("system:");
}

/** Bootstrap Roles in kube-system and kube-public (extension-apiserver-authentication-reader, system:controller:*, ...). */
function isBuiltinRole(namespace: string, name: string): boolean {
  return (namespace === "kube-system" || namespace === "kube-public") &&
    (name === "extension-apiserver-authentication-reader" || name.startsWith("system:"));
}
