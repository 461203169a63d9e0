import type { Rule } from "../rule.js";
import type { PodTemplate } from "../kube/workloads.js";
import { describeObject } from "../kube/api-kinds.js";
import { claimVolumesOf, claimsByName, singleWriterMode, type ClaimVolume } from "../kube/claims.js";
import { dig, podTemplates } from "../kube/workloads.js";

interface ClaimUser {
  template: PodTemplate;
  volume: ClaimVolume;
}

export const rule: Rule = {
  meta: {
    id: "rwo-claim-shared",
    defaultSeverity: "error",
    description: "A ReadWriteOnce PVC is mounted by a workload that runs several pods, or by more than one workload.",
    rationale:
      "A ReadWriteOnce volume attaches to one node at a time and a ReadWriteOncePod volume to one pod: extra replicas, " +
      "DaemonSet pods on other nodes or a second workload sharing the claim hang in ContainerCreating (Multi-Attach " +
      "error), and a rolling update can deadlock when the new pod lands on another node. A StatefulSet's own replicas " +
      "are reported by statefulset-storage; here StatefulSets count only as one of several workloads sharing a claim.",
    remediation:
      "Give each workload its own claim, run one replica (with the Recreate strategy for a Deployment), use " +
      "volumeClaimTemplates in a StatefulSet, or use a ReadWriteMany claim if the pods really share data.",
  },
  check(context) {
    const claims = claimsByName(context.resources);
    const users = new Map<string, ClaimUser[]>();
    const seen = new Set<string>();
    for (const template of podTemplates(context.resources)) {
      // The same workload defined twice in a file set is one workload.
      const identity = `${template.kind}/${template.namespace}/${String(template.resource.object.metadata?.name)}`;
      for (const volume of claimVolumesOf(template)) {
        const key = `${template.namespace}/${volume.claimName}`;
        if (seen.has(`${identity} ${key}`) || !claims.has(key)) continue;
        seen.add(`${identity} ${key}`);
        users.set(key, [...(users.get(key) ?? []), { template, volume }]);
      }
    }
    for (const [key, list] of users) {
      const mode = claims.get(key)!.map(singleWriterMode).find((m) => m !== undefined);
      if (!mode) continue;
      const limit = mode === "ReadWriteOncePod" ? "only one pod can use it" : "it attaches to one node at a time, so pods on other nodes cannot start";
      list.forEach((user, i) => {
        const many = manyPods(user.template);
        if (!many && i === 0) {
          if (list.length === 1 && rollsOver(user.template)) {
            context.report({
              resource: user.template.resource, path: user.volume.path, severity: "warning",
              message: `${describeObject(user.template.resource, false)} mounts the ${mode} PVC ${key} with the RollingUpdate strategy: during a rollout the new pod needs the volume while the old one still holds it, and hangs if it lands on another node`,
              remediation: "Set spec.strategy.type: Recreate, so the old pod releases the volume before the new one starts.",
            });
          }
          return;
        }
        const who = describeObject(user.template.resource, false);
        const first = list[0].template.resource;
        const shared = i > 0 ? `, which ${describeObject(first, false)} (${first.file}:${first.locate(list[0].volume.path).line}) also mounts` : "";
        context.report({
          resource: user.template.resource, path: user.volume.path,
          message: `${who} ${many ? `${many} mount` : "mounts"} the ${mode} PVC ${key}${shared}: ${limit}`,
        });
      });
    }
  },
};

/** A Deployment that starts the new pod before stopping the old one (the default RollingUpdate). */
function rollsOver(template: PodTemplate): boolean {
  return template.kind === "Deployment" && dig(template.resource.object, ["spec", "strategy", "type"]) !== "Recreate";
}

/** Why a workload runs more than one pod at once, or undefined. StatefulSets are statefulset-storage's. */
function manyPods(template: PodTemplate): string | undefined {
  if (template.kind === "DaemonSet") return "runs a pod on every node, and they all";
  if (template.kind === "StatefulSet") return undefined;
  if (template.replicas !== undefined && template.replicas > 1) return `runs ${template.replicas} replicas that all`;
  const parallelism = template.kind === "Job" ? dig(template.resource.object, ["spec", "parallelism"]) : undefined;
  if (typeof parallelism === "number" && parallelism > 1) return `runs ${parallelism} pods in parallel that all`;
  return undefined;
}
