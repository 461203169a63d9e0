import { rule } from "../../../src/lint/rules/workload-selector.js";
import { testRule } from "../rule-tester.js";

const workload = (apiVersion: string, kind: string, selector: string, labels = "{app: web, tier: frontend}") => `apiVersion: ${apiVersion}
kind: ${kind}
metadata:
  name: web
  namespace: shop
spec:
${selector}  template:
    metadata:
      labels: ${labels}
    spec:
      containers: [{name: web, image: web:1}]
`;

testRule(rule, {
  valid: [
    { name: "matchLabels a subset of the template labels", yaml: workload("apps/v1", "Deployment", "  selector:\n    matchLabels: {app: web}\n") },
    { name: "matchExpressions that match", yaml: workload("apps/v1", "StatefulSet", "  selector:\n    matchExpressions:\n      - {key: tier, operator: In, values: [frontend, backend]}\n      - {key: canary, operator: DoesNotExist}\n") },
    { name: "extensions/v1beta1 and apps/v1beta1 default the selector", yaml: `${workload("extensions/v1beta1", "Deployment", "")}---\n${workload("apps/v1beta1", "StatefulSet", "")}` },
    { name: "a ReplicationController without selector (defaulted)", yaml: workload("v1", "ReplicationController", "") },
    { name: "a ReplicationController whose map selector matches", yaml: workload("v1", "ReplicationController", "  selector: {app: web}\n") },
    { name: "a Job without manualSelector is not judged", yaml: workload("batch/v1", "Job", "  selector: {matchLabels: {app: other}}\n") },
    { name: "a Job with manualSelector that matches", yaml: workload("batch/v1", "Job", "  manualSelector: true\n  selector: {matchLabels: {app: web}}\n") },
    { name: "a CRD kind named Deployment is not judged", yaml: workload("example.com/v1", "Deployment", "  selector: {matchLabels: {app: other}}\n") },
    { name: "odd selector shapes are the schema's", yaml: `${workload("apps/v1", "Deployment", "  selector: app=web\n")}---\n${workload("apps/v1", "DaemonSet", "  selector: {matchLabels: [app]}\n")}---\n${workload("apps/v1", "ReplicaSet", "  selector: {matchExpressions: [{key: app}]}\n")}` },
    { name: "numbers in labels compare as strings", yaml: workload("apps/v1", "Deployment", "  selector: {matchLabels: {version: 2}}\n", '{version: "2"}') },
  ],
  invalid: [
    {
      name: "matchLabels value differs",
      yaml: workload("apps/v1", "Deployment", "  selector:\n    matchLabels:\n      app: webapp\n"),
      errors: [{ line: 9, column: 12, message: "Deployment shop/web selector app=webapp does not match its pod template labels (app=web,tier=frontend)" }],
    },
    {
      name: "a matchExpression that fails",
      yaml: workload("apps/v1", "DaemonSet", "  selector:\n    matchLabels: {app: web}\n    matchExpressions:\n      - {key: tier, operator: NotIn, values: [frontend]}\n"),
      errors: [{ line: 10, column: 9, message: "selector app=web,tier NotIn (frontend) does not match" }],
    },
    {
      name: "apps/v1 without a selector",
      yaml: workload("apps/v1", "StatefulSet", ""),
      errors: [{ line: 6, column: 1, message: "StatefulSet shop/web has no spec.selector: apps/v1 requires it" }],
    },
    {
      name: "an empty selector",
      yaml: workload("apps/v1beta2", "ReplicaSet", "  selector: {}\n"),
      errors: [{ line: 7, column: 13, message: "has an empty selector, which the API server rejects" }],
    },
    {
      name: "template without labels",
      yaml: "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    spec: {containers: [{name: web, image: web:1}]}\n",
      errors: [{ line: 5, column: 33, message: "Deployment default/web selector app=web does not match its pod template labels (none)" }],
    },
    {
      name: "ReplicationController, Job with manualSelector and CronJob",
      yaml: `${workload("v1", "ReplicationController", "  selector:\n    app: api\n")}---\n${workload("batch/v1", "Job", "  manualSelector: true\n  selector: {matchLabels: {job: x}}\n")}---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: shop}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      manualSelector: true
      template:
        spec: {containers: [{name: c, image: c:1}], restartPolicy: Never}
`,
      errors: [
        { line: 8, column: 10, message: "ReplicationController shop/web selector app=api does not match its pod template labels (app=web,tier=frontend): the API server rejects it" },
        { line: 22, column: 33, message: "Job shop/web selector job=x does not match" },
        { line: 35, column: 5, message: "CronJob shop/nightly has no spec.selector: manualSelector: true requires one" },
      ],
    },
  ],
});
