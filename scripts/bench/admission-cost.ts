/**
 * The cost of ValidatingAdmissionPolicies: `kforge lint` of 5,000 resources with and without
 * 10 policies (and their bindings) in the set; the difference is what evaluating them costs.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BenchContext } from "./measure.js";
import { kforgeSpec, runKforge, type Timed } from "./run-timed.js";

export const POLICIES = 10;
export const RESOURCES = 5_000;

export interface AdmissionCostResult {
  policies: number;
  resources: number;
  without: Timed;
  with: Timed;
}

/** Ten policies of the kinds teams write: registries, labels, replica ceilings, probes, ports. */
const VALIDATIONS: { resources: string[]; group: string; expression: string; message: string }[] = [
  { resources: ["deployments"], group: "apps", expression: "object.spec.template.spec.containers.all(c, c.image.startsWith('registry.example.com/'))", message: "images come from registry.example.com" },
  { resources: ["deployments"], group: "apps", expression: "object.spec.replicas <= 10", message: "at most 10 replicas" },
  { resources: ["deployments"], group: "apps", expression: "has(object.metadata.labels) && 'app' in object.metadata.labels", message: "an app label" },
  { resources: ["deployments"], group: "apps", expression: "object.spec.template.spec.containers.all(c, has(c.resources) && has(c.resources.limits))", message: "resource limits" },
  { resources: ["deployments"], group: "apps", expression: "!has(object.spec.template.spec.hostNetwork) || !object.spec.template.spec.hostNetwork", message: "no host network" },
  { resources: ["deployments"], group: "apps", expression: "object.spec.template.spec.containers.all(c, !c.image.endsWith(':latest'))", message: "no latest tags" },
  { resources: ["services"], group: "", expression: "!has(object.spec.type) || object.spec.type != 'LoadBalancer'", message: "no load balancers" },
  { resources: ["services"], group: "", expression: "object.spec.ports.all(p, p.port < 30000)", message: "ports below 30000" },
  { resources: ["services"], group: "", expression: "has(object.spec.selector)", message: "a selector" },
  { resources: ["deployments", "services"], group: "*", expression: "object.metadata.name.size() <= 40", message: "names of at most 40 characters" },
];

export function measureAdmissionCost(ctx: BenchContext): AdmissionCostResult {
  const root = join(ctx.work, "admission");
  mkdirSync(join(root, "objects"), { recursive: true });
  mkdirSync(join(root, "vap"), { recursive: true });
  let objects = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n";
  for (let i = 0; i < RESOURCES / 2; i++) {
    objects += `---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-${i}\n  namespace: apps\n  labels: {app: web-${i}}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web-${i}}}\n  template:\n    metadata: {labels: {app: web-${i}}}\n    spec:\n      containers:\n        - name: web\n          image: registry.example.com/web:1.${i}\n          resources: {limits: {cpu: 500m, memory: 256Mi}, requests: {cpu: 100m, memory: 128Mi}}\n`;
    objects += `---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web-${i}\n  namespace: apps\nspec:\n  selector: {app: web-${i}}\n  ports: [{name: http, port: 80, targetPort: 8080}]\n`;
  }
  writeFileSync(join(root, "objects", "objects.yaml"), objects);
  const policies = VALIDATIONS.map((v, i) => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: policy-${i}}
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
      - {apiGroups: [${v.group === "*" ? '"*"' : `"${v.group}"`}], apiVersions: ["*"], operations: [CREATE], resources: [${v.resources.join(", ")}]}
  validations:
    - expression: "${v.expression}"
      message: ${v.message}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: policy-${i}}
spec:
  policyName: policy-${i}
  validationActions: [Deny]
`).join("---\n");
  writeFileSync(join(root, "vap", "policies.yaml"), policies);
  ctx.log(`admission policies: ${POLICIES} policies over ${RESOURCES} resources`);
  const lint = (paths: string[], name: string) => runKforge(kforgeSpec(ctx.kforgeBin, ["lint", ...paths, "--kube-version", "1.36", "--format", "json", "--output", join(ctx.work, `${name}.json`)], root, [0, 1], ctx.options.timeoutMs));
  return { policies: POLICIES, resources: RESOURCES, without: lint(["objects"], "admission-without"), with: lint(["objects", "vap"], "admission-with") };
}

export function formatAdmissionCost(result: AdmissionCostResult): string {
  const extra = result.with.ms - result.without.ms;
  const evaluations = result.resources * result.policies;
  return [
    `Admission policies (${result.policies} policies, ${result.resources} resources):`,
    `  kforge lint without the policies  ${(result.without.ms / 1000).toFixed(2)} s`,
    `  kforge lint with the policies     ${(result.with.ms / 1000).toFixed(2)} s  (+${(extra / 1000).toFixed(2)} s, about ${((1000 * extra) / evaluations).toFixed(1)} us per policy and resource matched or not)`,
  ].join("\n");
}
