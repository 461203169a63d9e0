import type { FieldPath, Resource } from "../../resources/resource.js";
import type { Severity } from "../finding.js";
import { describeObject, isKindOf } from "./api-kinds.js";
import { atLeast, type KubeVersion } from "./deprecated-apis.js";
import { dig, isObject, podTemplates } from "./workloads.js";

/** A deprecated field form found in one resource. */
export interface FieldDeprecation {
  resource: Resource;
  path: FieldPath;
  message: string;
  severity: Severity;
  remediation: string;
}

interface Lifecycle {
  deprecatedIn: string;
  removedIn?: string;
  /** Removal means the field is silently ignored (an annotation), not rejected: stays a warning. */
  ignoredOnceRemoved?: boolean;
  /** What to do instead. */
  instead: string;
}

/** In-tree volume plugins that were removed outright (no CSI migration): the volume no longer mounts. */
const VOLUME_PLUGINS: Record<string, Lifecycle> = {
  rbd: { deprecatedIn: "1.28", removedIn: "1.31", instead: "use the Ceph CSI driver (rbd.csi.ceph.com) through a StorageClass or a csi volume source" },
  cephfs: { deprecatedIn: "1.28", removedIn: "1.31", instead: "use the Ceph CSI driver (cephfs.csi.ceph.com) through a StorageClass or a csi volume source" },
  glusterfs: { deprecatedIn: "1.25", removedIn: "1.26", instead: "move the data to a storage system with a CSI driver" },
};

/** Pod annotations replaced by fields; the API server ignores (or warns about) them. */
const POD_ANNOTATIONS: readonly { matches: (key: string) => boolean; shown: string; life: Lifecycle }[] = [
  { matches: (k) => k === "seccomp.security.alpha.kubernetes.io/pod" || k.startsWith("container.seccomp.security.alpha.kubernetes.io/"),
    shown: "seccomp annotation", life: { deprecatedIn: "1.19", instead: "set securityContext.seccompProfile on the pod or container" } },
  { matches: (k) => k.startsWith("container.apparmor.security.beta.kubernetes.io/"),
    shown: "AppArmor annotation", life: { deprecatedIn: "1.30", instead: "set securityContext.appArmorProfile on the pod or container" } },
  { matches: (k) => k === "scheduler.alpha.kubernetes.io/critical-pod",
    shown: "annotation", life: { deprecatedIn: "1.13", removedIn: "1.16", ignoredOnceRemoved: true, instead: "set priorityClassName: system-cluster-critical (or system-node-critical)" } },
];

/** Deprecated or removed field forms: in-tree volume plugins, Recycle reclaim, pod annotations. */
export function deprecatedFields(resources: readonly Resource[], target: KubeVersion): FieldDeprecation[] {
  const out: FieldDeprecation[] = [];
  const lifecycle = (life: Lifecycle, what: string, resource: Resource, path: FieldPath) => {
    if (!atLeast(target, life.deprecatedIn)) return;
    const removed = life.removedIn !== undefined && atLeast(target, life.removedIn);
    const when = removed
      ? life.ignoredOnceRemoved
        ? `has had no effect since Kubernetes ${life.removedIn} (deprecated in ${life.deprecatedIn})`
        : `was removed in Kubernetes ${life.removedIn} (deprecated in ${life.deprecatedIn})`
      : `is deprecated since Kubernetes ${life.deprecatedIn}${life.removedIn ? ` and is removed in ${life.removedIn}` : ""}`;
    out.push({ resource, path, severity: removed && !life.ignoredOnceRemoved ? "error" : "warning", message: `${what} ${when}; ${life.instead}`, remediation: `${capitalize(life.instead)}.` });
  };

  for (const template of podTemplates(resources)) {
    const who = describeObject(template.resource, false);
    const volumes = template.spec.volumes;
    if (Array.isArray(volumes)) {
      volumes.forEach((volume, i) => {
        if (!isObject(volume)) return;
        for (const [plugin, life] of Object.entries(VOLUME_PLUGINS)) {
          if (isObject((volume as unknown as Record<string, unknown>)[plugin])) {
            lifecycle(life, `${who} volume ${JSON.stringify(String(volume.name ?? i))} uses the in-tree ${plugin} volume plugin, which`, template.resource, [...template.specPath, "volumes", i, plugin]);
          }
        }
      });
    }
    const annotationsPath = [...template.labelsPath.slice(0, -1), "annotations"];
    const annotations = dig(template.resource.object, annotationsPath);
    for (const key of isObject(annotations) ? Object.keys(annotations) : []) {
      const known = POD_ANNOTATIONS.find((a) => a.matches(key));
      if (known) lifecycle(known.life, `${who} ${known.shown} ${key}`, template.resource, [...annotationsPath, key]);
    }
  }

  for (const resource of resources) {
    if (isKindOf(resource, "PersistentVolume", [""])) {
      const spec = resource.object.spec;
      if (!isObject(spec)) continue;
      const who = describeObject(resource, true);
      for (const [plugin, life] of Object.entries(VOLUME_PLUGINS)) {
        if (isObject(spec[plugin])) lifecycle(life, `${who} uses the in-tree ${plugin} volume plugin, which`, resource, ["spec", plugin]);
      }
      if (spec.persistentVolumeReclaimPolicy === "Recycle") {
        out.push({
          resource, path: ["spec", "persistentVolumeReclaimPolicy"], severity: "warning",
          message: `${who} uses the deprecated Recycle reclaim policy (a basic rm -rf of the volume, supported only by NFS and hostPath); use Retain or Delete`,
          remediation: "Set persistentVolumeReclaimPolicy to Retain (keep the data) or Delete, and prefer dynamic provisioning through a StorageClass.",
        });
      }
    }
    if (isKindOf(resource, "StorageClass", ["storage.k8s.io"]) && resource.object.reclaimPolicy === "Recycle") {
      out.push({
        resource, path: ["reclaimPolicy"], severity: "error",
        message: `${describeObject(resource, true)} has reclaimPolicy Recycle, which the API server rejects for a StorageClass: only Delete and Retain are allowed`,
        remediation: "Set reclaimPolicy to Delete (the default) or Retain.",
      });
    }
  }
  return out;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
