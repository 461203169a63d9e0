import type { FieldPath, Resource } from "../../resources/resource.js";
import { isKindOf } from "./api-kinds.js";
import { dig, isObject, namespaceOf, type PodTemplate } from "./workloads.js";

/** A pod volume backed by a named PersistentVolumeClaim. */
export interface ClaimVolume {
  claimName: string;
  volumeName: string;
  /** Path of the claimName value. */
  path: FieldPath;
}

/** Access modes that let only one node (ReadWriteOnce) or one pod (ReadWriteOncePod) use the volume. */
export const SINGLE_WRITER_MODES = ["ReadWriteOnce", "ReadWriteOncePod"] as const;

const DEFAULT_CLASS_ANNOTATIONS = ["storageclass.kubernetes.io/is-default-class", "storageclass.beta.kubernetes.io/is-default-class"];
const BETA_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

/** Volumes of a pod template that mount a PVC by name. */
export function claimVolumesOf(template: PodTemplate): ClaimVolume[] {
  const volumes = template.spec.volumes;
  if (!Array.isArray(volumes)) return [];
  const out: ClaimVolume[] = [];
  volumes.forEach((volume, i) => {
    if (!isObject(volume) || !isObject(volume.persistentVolumeClaim)) return;
    const claimName = volume.persistentVolumeClaim.claimName;
    if (typeof claimName !== "string" || claimName === "") return;
    out.push({ claimName, volumeName: String(volume.name ?? i), path: [...template.specPath, "volumes", i, "persistentVolumeClaim", "claimName"] });
  });
  return out;
}

/** Core v1 PersistentVolumeClaims keyed "namespace/name". */
export function claimsByName(resources: readonly Resource[]): Map<string, Resource[]> {
  const out = new Map<string, Resource[]>();
  for (const resource of resources) {
    if (!isKindOf(resource, "PersistentVolumeClaim", [""])) continue;
    const name = resource.object.metadata?.name;
    if (typeof name !== "string" || name === "") continue;
    const key = `${namespaceOf(resource)}/${name}`;
    out.set(key, [...(out.get(key) ?? []), resource]);
  }
  return out;
}

/** The single-writer access mode a claim asks for, if any (ReadWriteOncePod wins: it is the stricter one). */
export function singleWriterMode(claim: Resource): (typeof SINGLE_WRITER_MODES)[number] | undefined {
  const modes = dig(claim.object, ["spec", "accessModes"]);
  if (!Array.isArray(modes)) return undefined;
  if (modes.includes("ReadWriteOncePod")) return "ReadWriteOncePod";
  return modes.includes("ReadWriteOnce") ? "ReadWriteOnce" : undefined;
}

/** Storage classes defined in the set, and whether one of them is marked default. */
export function storageClassesIn(resources: readonly Resource[]): { names: Set<string>; defaults: string[] } {
  const names = new Set<string>();
  const defaults: string[] = [];
  for (const resource of resources) {
    if (!isKindOf(resource, "StorageClass", ["storage.k8s.io"])) continue;
    const name = resource.object.metadata?.name;
    if (typeof name !== "string" || name === "") continue;
    names.add(name);
    const annotations = resource.object.metadata?.annotations;
    if (isObject(annotations) && DEFAULT_CLASS_ANNOTATIONS.some((a) => String(annotations[a]) === "true")) defaults.push(name);
  }
  return { names, defaults };
}

/**
 * The class a claim (or claim template) asks for and where: storageClassName, else the legacy
 * volume.beta.kubernetes.io/storage-class annotation; `name` undefined when neither is set.
 */
export function requestedClass(claim: unknown, at: FieldPath): { name: string | undefined; path: FieldPath } {
  const field = dig(claim, ["spec", "storageClassName"]);
  if (typeof field === "string") return { name: field, path: [...at, "spec", "storageClassName"] };
  const annotated = dig(claim, ["metadata", "annotations", BETA_CLASS_ANNOTATION]);
  if (typeof annotated === "string") return { name: annotated, path: [...at, "metadata", "annotations", BETA_CLASS_ANNOTATION] };
  return { name: undefined, path: [...at, "spec"] };
}

/** PersistentVolumes in the set a claim with no class ("") could bind to: those without a class. */
export function classlessVolumes(resources: readonly Resource[]): Resource[] {
  return resources.filter((r) => {
    if (!isKindOf(r, "PersistentVolume", [""])) return false;
    const requested = requestedClass(r.object, []);
    return requested.name === undefined || requested.name === "";
  });
}
