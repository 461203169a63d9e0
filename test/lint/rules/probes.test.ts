import { rule } from "../../../src/lint/rules/probes.js";
import { testRule } from "../rule-tester.js";

const probe = "{httpGet: {path: /healthz, port: 8080}}";

testRule(rule, {
  valid: [
    {
      name: "both probes on every long-running container; plain init containers need none",
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      initContainers:
      - {name: migrate, image: m:1}
      containers:
      - {name: web, image: web:1, readinessProbe: ${probe}, livenessProbe: ${probe}}
`,
    },
    {
      name: "run-to-completion pods: Jobs, CronJobs and Pods with restartPolicy Never",
      yaml: `apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: c, image: c:1}]
---
apiVersion: v1
kind: Pod
metadata: {name: once}
spec:
  restartPolicy: OnFailure
  containers: [{name: c, image: c:1}]
---
apiVersion: example.com/v1
kind: Deployment
metadata: {name: not-builtin}
spec:
  template:
    spec:
      containers: [{name: c, image: c:1}]
`,
    },
  ],
  invalid: [
    {
      name: "one finding per missing probe, at the container name",
      yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: data
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - name: db
        image: db:1
        livenessProbe: ${probe}
      - name: exporter
        image: exporter:1
`,
      errors: [
        { line: 13, column: 15, message: "Container db in StatefulSet data/db has no readinessProbe" },
        { line: 16, column: 15, message: "Container exporter in StatefulSet data/db has no readinessProbe" },
        { line: 16, column: 15, message: "Container exporter in StatefulSet data/db has no livenessProbe" },
      ],
    },
    {
      name: "sidecar init containers count; a bare Pod restarts Always by default",
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
  - {name: setup, image: s:1}
  - {name: proxy, image: proxy:1, restartPolicy: Always, readinessProbe: ${probe}}
  containers:
  - {name: app, image: app:1, readinessProbe: ${probe}, livenessProbe: ${probe}}
`,
      errors: [{ line: 7, column: 12, message: "Sidecar container proxy in Pod default/p has no livenessProbe" }],
    },
  ],
});
