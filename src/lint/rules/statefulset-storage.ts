import type { Rule, RuleContext } from "../rule.js";
import type { Resource } from "../../resources/resource.js";
import { describeObject, isKindOf } from "../kube/api-kinds.js";
import { claimVolumesOf, claimsByName, classlessVolumes, requestedClass, singleWriterMode, storageClassesIn } from "../kube/claims.js";
import { dig, isObject, namespaceOf, podTemplateOf } from "../kube/workloads.js";

export const rule: Rule = {
  meta: {
    id: "statefulset-storage",
    defaultSeverity: "error",
    description:
      "A replicated StatefulSet shares one ReadWriteOnce PVC between its pods instead of using volumeClaimTemplates, " +
      "or a claim template names a StorageClass that is not there.",
    rationale:
      "A ReadWriteOnce volume attaches to one node at a time (ReadWriteOncePod: to one pod), so when every replica " +
      "mounts the same claim only the first pod starts and the others hang in ContainerCreating. volumeClaimTemplates " +
      "give each pod its own claim. A claim template whose StorageClass does not exist (or that relies on a default " +
      "class the cluster lacks) stays Pending, and so does its pod.",
    remediation:
      "Move the volume into spec.volumeClaimTemplates (one claim per pod: data-<name>-0, data-<name>-1, ...), or use a " +
      "ReadWriteMany claim if the pods really share data. Point storageClassName at a StorageClass that exists.",
  },
  check(context) {
    const claims = claimsByName(context.resources);
    const classes = storageClassesIn(context.resources);
    for (const statefulSet of context.resources) {
      if (!isKindOf(statefulSet, "StatefulSet", ["apps"])) continue;
      checkSharedClaims(context, statefulSet, claims);
      checkClaimTemplates(context, statefulSet, classes);
    }
  },
};

function checkSharedClaims(context: RuleContext, statefulSet: Resource, claims: Map<string, Resource[]>): void {
  const template = podTemplateOf(statefulSet);
  if (!template || (template.replicas ?? 1) <= 1) return;
  const who = describeObject(statefulSet, false);
  const namespace = namespaceOf(statefulSet);
  for (const volume of claimVolumesOf(template)) {
    const claimId = `${namespace}/${volume.claimName}`;
    const found = claims.get(claimId);
    if (!found) {
      if (context.target.mode !== "files") continue; // cluster mode: a missing claim is missing-reference's finding
      context.report({
        resource: statefulSet, path: volume.path, severity: "warning",
        message: `${who} runs ${template.replicas} replicas that all mount PVC ${claimId} (volume ${JSON.stringify(volume.volumeName)}); the claim is not in the linted files, so kforge cannot tell the access mode: if it is ReadWriteOnce only one pod can start`,
      });
      continue;
    }
    const mode = found.map(singleWriterMode).find((m) => m !== undefined);
    if (!mode) continue;
    const limit = mode === "ReadWriteOncePod" ? "only one pod can use it" : "it attaches to one node at a time, so pods scheduled on other nodes cannot start";
    context.report({
      resource: statefulSet, path: volume.path,
      message: `${who} runs ${template.replicas} replicas that all mount the ${mode} PVC ${claimId} (volume ${JSON.stringify(volume.volumeName)}): ${limit}; use volumeClaimTemplates to give each pod its own claim`,
    });
  }
}

function checkClaimTemplates(context: RuleContext, statefulSet: Resource, classes: ReturnType<typeof storageClassesIn>): void {
  const templates = dig(statefulSet.object, ["spec", "volumeClaimTemplates"]);
  if (!Array.isArray(templates)) return;
  const who = describeObject(statefulSet, false);
  const provided = context.target.provided.storageClasses;
  const cluster = context.target.mode === "cluster";
  templates.forEach((claim, i) => {
    if (!isObject(claim)) return;
    const { name, path } = requestedClass(claim, ["spec", "volumeClaimTemplates", i]);
    const label = `claim template ${JSON.stringify(String(dig(claim, ["metadata", "name"]) ?? i))}`;
    const report = (message: string) => context.report({ resource: statefulSet, path, severity: "warning", message: `${who} ${label} ${message}` });
    if (name === undefined) {
      // Without a class the default StorageClass applies; provided classes may include it.
      if (cluster && classes.defaults.length === 0 && provided.length === 0) {
        report("sets no storageClassName and relies on a default StorageClass, none is in the tree or provided: its claims stay Pending");
      }
    } else if (name === "") {
      // "" turns dynamic provisioning off: the claims bind only to pre-created volumes without a class.
      if (cluster && classlessVolumes(context.resources).length === 0) {
        report('sets storageClassName "", which binds only to pre-created PersistentVolumes without a class, and none is in the tree: its claims stay Pending');
      }
    } else if (!classes.names.has(name) && !provided.includes(name)) {
      report(cluster
        ? `asks for StorageClass ${name}, which is neither in the tree nor in the cluster's provided storage classes: its claims stay Pending`
        : `asks for StorageClass ${name}, which is not in the linted files: make sure the cluster has it (or list it in provided storage classes)`);
    }
  });
}
