/** A small blueprint for render tests: a ConfigMap whose data comes from values, and a Deployment. */
export const MINI_BLUEPRINT: Record<string, string> = {
  "blueprints/mini/blueprint.yaml": `apiVersion: kforge.dev/v1alpha1
kind: Blueprint
metadata:
  name: mini
spec:
  description: test blueprint
  version: 1.2.3
`,
  "blueprints/mini/values.schema.json": JSON.stringify(
    {
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "object",
      additionalProperties: false,
      required: ["image"],
      properties: {
        image: { type: "string" },
        replicas: { type: "integer", minimum: 0, default: 1 },
        data: { type: "object", additionalProperties: { type: "string" }, default: {} },
        name: { type: "string" },
      },
    },
    null,
    2,
  ),
  "blueprints/mini/templates/configmap.yaml.hbs": `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{release.name}}
  namespace: {{release.namespace}}
data:
{{#each values.data}}
  {{@key}}: {{this}}
{{/each}}
`,
  "blueprints/mini/templates/deployment.yaml.hbs": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{default values.name release.name}}
  namespace: {{release.namespace}}
spec:
  replicas: {{values.replicas}}
  selector:
    matchLabels: {app: {{release.name}} }
  template:
    metadata:
      labels: {app: {{release.name}} }
    spec:
      containers:
        - name: app
          image: {{image values.image}}
`,
};

export function clusterYaml(name: string, releases: string, extra = ""): string {
  return `apiVersion: kforge.dev/v1alpha1
kind: Cluster
metadata: {name: ${name}}
spec:
  kubernetesVersion: "1.18"
  gitops: {engine: argocd, repoURL: https://git.example.com/platform/gitops.git, targetRevision: main}
${extra}  releases:
${releases}`;
}
