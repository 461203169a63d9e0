import type { Resource } from "../../resources/resource.js";
import { apiGroupOf } from "./api-kinds.js";
import { dig, isObject, namespaceOf } from "./workloads.js";

/**
 * Custom resources whose controllers create a Secret in their own namespace: the encrypted or
 * external forms a repository keeps instead of a plain Secret. Keyed by "group/kind"; the
 * function returns the names of the Secrets created.
 */
const PRODUCERS: Record<string, (object: Record<string, unknown>) => unknown[]> = {
  "bitnami.com/SealedSecret": (o) => [dig(o, ["metadata", "name"])],
  "external-secrets.io/ExternalSecret": (o) => [dig(o, ["spec", "target", "name"]) || dig(o, ["metadata", "name"])],
  "kubernetes-client.io/ExternalSecret": (o) => [dig(o, ["metadata", "name"])],
  "cert-manager.io/Certificate": (o) => [dig(o, ["spec", "secretName"])],
  "secrets.hashicorp.com/VaultStaticSecret": (o) => [dig(o, ["spec", "destination", "name"])],
  "secrets.hashicorp.com/VaultDynamicSecret": (o) => [dig(o, ["spec", "destination", "name"])],
  "secrets.hashicorp.com/VaultPKISecret": (o) => [dig(o, ["spec", "destination", "name"])],
  "secrets-store.csi.x-k8s.io/SecretProviderClass": (o) => {
    const synced = dig(o, ["spec", "secretObjects"]);
    return Array.isArray(synced) ? synced.map((s) => (isObject(s) ? s.secretName : undefined)) : [];
  },
};

/** Secrets ("namespace/name") that controllers will create from objects in the set. */
export function producedSecrets(resource: Resource): { namespace: string; name: string }[] {
  const produce = PRODUCERS[`${apiGroupOf(resource.object.apiVersion)}/${String(resource.object.kind)}`];
  if (!produce) return [];
  const namespace = namespaceOf(resource);
  return produce(resource.object as Record<string, unknown>)
    .filter((name): name is string => typeof name === "string" && name !== "")
    .map((name) => ({ namespace, name }));
}
