import type { Rule } from "../rule.js";
import { describeObject, nameOrIndex } from "../kube/api-kinds.js";
import { isObject, podTemplates } from "../kube/workloads.js";

const RUNTIME_SOCKET = /(?:^|\/)(?:docker|containerd|crio|cri-dockerd|podman)\.sock$/;
/** Node directories whose contents (or ancestors) give away the node: system config, kernel interfaces, kubelet and etcd credentials. */
const SENSITIVE = ["/", "/etc", "/proc", "/sys", "/dev", "/boot", "/root", "/run", "/var/run", "/var/lib/docker", "/var/lib/containerd"];
const SENSITIVE_TREES = ["/etc/kubernetes", "/var/lib/kubelet", "/var/lib/etcd"];

export const rule: Rule = {
  meta: {
    id: "hostpath-volume",
    defaultSeverity: "warning",
    description: "A pod template mounts a hostPath volume from the node's filesystem, or a PersistentVolume is a hostPath volume.",
    rationale:
      "hostPath ties a pod to one node's files and breaks the isolation between the pod and the node: a writable " +
      "mount of /, /etc, /var/lib/kubelet or a container runtime socket lets the pod take over the node. Data written " +
      "there is lost when the pod moves to another node.",
    remediation:
      "Use a PersistentVolumeClaim, emptyDir, ConfigMap or Secret volume instead. For node agents that need host " +
      "files, mount them readOnly, narrow the path, and list the prefix in this rule's allowedPaths option.",
    optionsSchema: {
      type: "object",
      properties: {
        allowedPaths: { type: "array", items: { type: "string" }, description: "Host path prefixes that are accepted (e.g. /var/log): the path itself and everything under it." },
      },
      additionalProperties: false,
    },
  },
  check(context) {
    const allowed = (Array.isArray(context.options.allowedPaths) ? context.options.allowedPaths : [])
      .filter((p): p is string => typeof p === "string" && p !== "")
      .map(normalize);
    for (const template of podTemplates(context.resources)) {
      const volumes = template.spec.volumes;
      if (!Array.isArray(volumes)) continue;
      volumes.forEach((volume, i) => {
        if (!isObject(volume) || !isObject(volume.hostPath)) return;
        const raw = volume.hostPath.path;
        const path = typeof raw === "string" ? normalize(raw) : undefined;
        if (path !== undefined && allowed.some((prefix) => prefix === "/" || path === prefix || path.startsWith(`${prefix}/`))) return;
        context.report({
          resource: template.resource,
          path: [...template.specPath, "volumes", i, "hostPath", "path"],
          message: `${describeObject(template.resource, false)} mounts hostPath ${path ?? "(no path)"} from the node as volume ${nameOrIndex(volume, i)}${risk(path)}`,
        });
      });
    }
    // A hostPath PersistentVolume hides the same thing behind a claim: the data is on whichever
    // node the pod happened to run on.
    for (const resource of context.resources) {
      if (resource.object.kind !== "PersistentVolume" || resource.object.apiVersion !== "v1") continue;
      const hostPath = (resource.object.spec as { hostPath?: unknown } | undefined)?.hostPath;
      if (!isObject(hostPath)) continue;
      const path = typeof hostPath.path === "string" ? normalize(hostPath.path) : undefined;
      if (path !== undefined && allowed.some((prefix) => prefix === "/" || path === prefix || path.startsWith(`${prefix}/`))) continue;
      context.report({
        resource,
        path: ["spec", "hostPath", "path"],
        message: `${describeObject(resource, true)} is a hostPath volume (${path ?? "no path"}): its data lives on one node's disk and is not there when the pod runs on another node${risk(path)}`,
        remediation: "Use a StorageClass that provisions network or local volumes (local volumes pin pods to the node explicitly), or a StatefulSet with volumeClaimTemplates.",
      });
    }
  },
};

function risk(path: string | undefined): string {
  if (path === undefined) return "";
  if (RUNTIME_SOCKET.test(path)) return ", which gives the pod control of the node's container runtime";
  if (path === "/") return ", the node's whole filesystem";
  if (SENSITIVE.includes(path) || SENSITIVE_TREES.some((tree) => path === tree || path.startsWith(`${tree}/`))) return ", a sensitive node directory";
  return "";
}

/** "/var/log/" and "/var//log" both mean /var/log. */
function normalize(path: string): string {
  const collapsed = path.trim().replace(/\/+/g, "/");
  return collapsed.length > 1 ? collapsed.replace(/\/$/, "") : collapsed;
}
