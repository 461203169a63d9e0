import { parseManifests } from "../../src/resources/parse-manifests.js";
import type { Resource } from "../../src/resources/resource.js";
import { createSchemaValidator, type SchemaProblem } from "../../src/validate/validate-schema.js";

/** The resources of a YAML text; fails the test on YAML problems so cases stay about schemas. */
export function resourcesOf(yaml: string): Resource[] {
  const { resources, problems } = parseManifests(yaml, "test.yaml");
  if (problems.some((p) => p.severity === "error")) throw new Error(problems.map((p) => p.message).join("; "));
  return resources;
}

/** Problems of the first (or only) resource of `yaml` at a Kubernetes version. */
export function problemsOf(yaml: string, kubernetesVersion: string, crdYaml?: string): SchemaProblem[] {
  const crds = crdYaml ? resourcesOf(crdYaml) : undefined;
  return createSchemaValidator({ kubernetesVersion, crds }).validate(resourcesOf(yaml)[0]);
}

/** `path: message` lines, easy to assert on as a whole. */
export function lines(problems: SchemaProblem[]): string[] {
  return problems.map((p) => `${p.severity} ${p.path.join(".")}: ${p.message}`).sort();
}

/** A valid Deployment with `extra` spliced into its first container (6-space indent). */
export function deployment(container = "", spec = ""): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  creationTimestamp: null
spec:
  replicas: 2${spec}
  selector:
    matchLabels: {app: web}
  strategy: null
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        resources: null
        ports:
        - containerPort: 8080
          name: http${container}
`;
}
