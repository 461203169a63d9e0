/** Releases that serve each API version of ValidatingAdmissionPolicy and its binding (by default). */
const SERVED: Record<string, { from: number; to?: number }> = {
  "admissionregistration.k8s.io/v1": { from: 30 },
  "admissionregistration.k8s.io/v1beta1": { from: 28, to: 33 },
};

/**
 * Why a cluster at `kubernetesVersion` does not serve `apiVersion` of `kind`, and what to use
 * instead, or undefined when it does serve it.
 */
export function unservedReason(apiVersion: string, kind: string, kubernetesVersion: string): { reason: string; instead: string } | undefined {
  const minor = Number(kubernetesVersion.split(".")[1]);
  const served = SERVED[apiVersion];
  if (served && minor >= served.from && (served.to === undefined || minor <= served.to)) return undefined;
  const instead = Object.entries(SERVED).find(([, range]) => minor >= range.from && (range.to === undefined || minor <= range.to))?.[0];
  const when = apiVersion.endsWith("/v1alpha1") ? "is an alpha API that clusters do not serve unless enabled" : `is not served by Kubernetes ${kubernetesVersion} (v1 from 1.30, v1beta1 from 1.28 to 1.33)`;
  return { reason: `${apiVersion} ${kind} ${when}`, instead: instead ? `use ${instead}` : "this release has no ValidatingAdmissionPolicy API" };
}
