import { rule } from "../../../src/lint/rules/resources.js";
import { testRule } from "../rule-tester.js";

const deployment = (containers: string, ns = "shop") => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${ns}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
${containers}`;

testRule(rule, {
  valid: [
    {
      name: "requests and a memory limit",
      yaml: deployment(`      - name: web
        image: web:1
        resources:
          requests: {cpu: 100m, memory: 128Mi}
          limits: {memory: 256Mi}
`),
    },
    {
      name: "limits alone: the API server defaults requests to limits",
      yaml: deployment(`      - name: web
        image: web:1
        resources:
          limits: {cpu: 500m, memory: 256Mi}
`),
    },
    {
      name: "a LimitRange in the namespace supplies container defaults",
      yaml: `${deployment(`      - {name: web, image: web:1}
`)}---
apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: shop}
spec:
  limits:
  - type: Container
    default: {memory: 256Mi}
    defaultRequest: {cpu: 100m}
`,
    },
    {
      name: "Jobs and plain init containers are not long-running",
      yaml: `apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: c, image: c:1}]
---
${deployment(`      - name: web
        image: web:1
        resources: {limits: {cpu: 1, memory: 1Gi}}
`).replace("      containers:\n", "      initContainers: [{name: init, image: i:1}]\n      containers:\n")}`,
    },
  ],
  invalid: [
    {
      name: "no resources at all: points at the container name",
      yaml: deployment(`      - name: web
        image: web:1
`),
      errors: [{ line: 12, column: 15, message: "Container web in Deployment shop/web has no CPU request, no memory request and no memory limit" }],
    },
    {
      name: "partial resources: points at the resources field",
      yaml: deployment(`      - name: web
        image: web:1
        resources:
          requests: {cpu: 100m, memory: 128Mi}
      - name: sidecar
        image: s:1
        resources: {limits: {cpu: 100m}}
`),
      errors: [
        { line: 14, column: 9, message: "Container web in Deployment shop/web has no memory limit" },
        { line: 18, column: 20, message: "Container sidecar in Deployment shop/web has no memory request and no memory limit" },
      ],
    },
    {
      name: "a LimitRange in another namespace does not apply",
      yaml: `${deployment(`      - {name: web, image: web:1, resources: {requests: {cpu: 1, memory: 1Gi}}}
`)}---
apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: other}
spec:
  limits: [{type: Container, max: {memory: 2Gi}}]
`,
      errors: [{ line: 12, column: 46, message: "has no memory limit" }],
    },
  ],
});
