import { rule } from "../../../src/lint/rules/service-selector.js";
import { testRule } from "../rule-tester.js";

const service = (selector: string, ns = "bjrdc-dev", extra = "") => `apiVersion: v1
kind: Service
metadata:
  name: mysql
  namespace: ${ns}
spec:
${extra}  selector: ${selector}
  ports: [{port: 3306}]
`;

const deployment = (labels: string, ns = "bjrdc-dev", apiVersion = "apps/v1", kind = "Deployment") => `apiVersion: ${apiVersion}
kind: ${kind}
metadata: {name: mysql, namespace: ${ns}}
spec:
  selector: {matchLabels: ${labels}}
  template:
    metadata: {labels: ${labels}}
    spec:
      containers: [{name: mysql, image: mysql:8}]
`;

testRule(rule, {
  valid: [
    { name: "selects a Deployment's pods", yaml: `${service("{app: mysql}")}---\n${deployment("{app: mysql, tier: db}")}` },
    { name: "selects pods defined in another file", yaml: { "svc.yaml": service("{app: mysql}"), "deploy.yaml": deployment("{app: mysql}") } },
    { name: "selects a bare Pod, a CronJob and an old extensions/v1beta1 Deployment", yaml: `${service("{app: mysql}")}---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: bjrdc-dev, labels: {app: mysql}}\nspec: {containers: [{name: c, image: c:1}]}\n---\n${service("{job: backup}", "bjrdc-dev")}---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {name: backup, namespace: bjrdc-dev}\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        metadata: {labels: {job: backup}}\n        spec: {containers: [{name: c, image: c:1}], restartPolicy: Never}\n---\n${service("{old: yes}", "legacy")}---\n${deployment('{old: "yes"}', "legacy", "extensions/v1beta1")}` },
    { name: "no selector: Endpoints are managed by hand", yaml: "apiVersion: v1\nkind: Service\nmetadata: {name: external-db}\nspec:\n  ports: [{port: 5432}]\n" },
    { name: "an empty selector", yaml: service("{}") },
    { name: "an ExternalName Service", yaml: service("{app: nothing}", "bjrdc-dev", "  type: ExternalName\n  externalName: db.example.com\n") },
    { name: "pods from a workload-like custom resource (Argo Rollout)", yaml: `${service("{app: mysql}")}---\n${deployment("{app: mysql}", "bjrdc-dev", "argoproj.io/v1alpha1", "Rollout")}` },
    { name: "a template whose pod spec is missing still has labels", yaml: `${service("{app: mysql}")}---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: m, namespace: bjrdc-dev}\nspec:\n  template:\n    metadata: {labels: {app: mysql}}\n` },
    { name: "a CRD kind named Service is ignored", yaml: "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: x}\nspec:\n  selector: {app: none}\n" },
    { name: "odd selector shapes", yaml: `${service("app=mysql")}---\n${service("[app, mysql]", "b")}` },
  ],
  invalid: [
    {
      name: "no pod has the labels (files mode: warning)",
      yaml: `${service("{app: mysql}")}---\n${deployment("{app: mariadb}")}`,
      errors: [{ line: 7, column: 13, severity: "warning", message: "Service bjrdc-dev/mysql selects no pods: no Pod template in namespace bjrdc-dev has labels app=mysql" }],
    },
    {
      name: "every selector label must match (cluster mode: error)",
      yaml: `${service("{app: mysql, tier: db}")}---\n${deployment("{app: mysql}")}`,
      target: { mode: "cluster" },
      errors: [{ line: 7, column: 13, severity: "error", message: "has labels app=mysql,tier=db" }],
    },
    {
      name: "the pods are in another namespace",
      yaml: { "svc.yaml": service("{app: mysql}", "bjrdc-test"), "deploy.yaml": deployment("{app: mysql}") },
      errors: [{ file: "svc.yaml", line: 7, column: 13, message: "(Deployment bjrdc-dev/mysql has them, in another namespace)" }],
    },
    {
      name: "a Service without namespace lives in default",
      yaml: `apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector:\n    app: web\n---\n${deployment("{app: web}")}`,
      errors: [{ line: 5, column: 3, message: "Service default/web selects no pods: no Pod template in namespace default has labels app=web" }],
    },
  ],
});
