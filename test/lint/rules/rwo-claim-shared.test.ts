import { rule } from "../../../src/lint/rules/rwo-claim-shared.js";
import { testRule } from "../rule-tester.js";

const workload = (kind: string, name: string, extra = "", claimName = "uploads") => `apiVersion: ${kind === "Job" ? "batch/v1" : "apps/v1"}
kind: ${kind}
metadata:
  name: ${name}
  namespace: web
spec:
${extra}  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: app, image: app:1}]
      volumes:
        - name: files
          persistentVolumeClaim: {claimName: ${claimName}}
`;

const claim = (modes: string, ns = "web") => `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: uploads, namespace: ${ns}}
spec:
  accessModes: [${modes}]
  resources: {requests: {storage: 1Gi}}
`;

testRule(rule, {
  valid: [
    { name: "one replica mounting an RWO claim, Recreate strategy", yaml: `${workload("Deployment", "app", "  strategy: {type: Recreate}\n")}---\n${claim("ReadWriteOnce")}` },
    { name: "many replicas sharing an RWX claim", yaml: `${workload("Deployment", "app", "  replicas: 4\n")}---\n${claim("ReadWriteMany")}` },
    { name: "two workloads sharing a ReadOnlyMany claim", yaml: `${workload("Deployment", "a")}---\n${workload("Deployment", "b")}---\n${claim("ReadOnlyMany")}` },
    { name: "claim not in the set", yaml: workload("Deployment", "app", "  replicas: 3\n") },
    { name: "an RWO claim of the same name in another namespace", yaml: `${workload("Deployment", "app", "  replicas: 3\n")}---\n${claim("ReadWriteOnce", "other")}` },
    { name: "a StatefulSet's own replicas are statefulset-storage's finding", yaml: `${workload("StatefulSet", "db", "  replicas: 3\n  serviceName: db\n")}---\n${claim("ReadWriteOnce")}` },
    { name: "the same Deployment defined twice is one workload", yaml: { "a.yaml": workload("Deployment", "app", "  strategy: {type: Recreate}\n"), "b.yaml": workload("Deployment", "app", "  strategy: {type: Recreate}\n"), "pvc.yaml": claim("ReadWriteOnce") } },
    { name: "a Job with parallelism 1", yaml: `${workload("Job", "migrate", "  parallelism: 1\n  manualSelector: true\n")}---\n${claim("ReadWriteOnce")}` },
  ],
  invalid: [
    {
      name: "one replica with the default RollingUpdate strategy: a rollout needs the volume twice",
      yaml: `${workload("Deployment", "app")}---\n${claim("ReadWriteOnce")}`,
      errors: [{ line: 14, column: 46, severity: "warning", message: "Deployment web/app mounts the ReadWriteOnce PVC web/uploads with the RollingUpdate strategy" }],
    },
    {
      name: "a Deployment with replicas > 1",
      yaml: `${workload("Deployment", "app", "  replicas: 3\n")}---\n${claim("ReadWriteOnce")}`,
      errors: [{ line: 15, column: 46, message: "Deployment web/app runs 3 replicas that all mount the ReadWriteOnce PVC web/uploads: it attaches to one node at a time" }],
    },
    {
      name: "a DaemonSet is many pods",
      yaml: `${workload("DaemonSet", "agent")}---\n${claim("ReadWriteOncePod")}`,
      errors: [{ line: 14, column: 46, message: "DaemonSet web/agent runs a pod on every node, and they all mount the ReadWriteOncePod PVC web/uploads: only one pod can use it" }],
    },
    {
      name: "two workloads in different files, the second also scaled",
      yaml: {
        "a.yaml": workload("Deployment", "api"),
        "b.yaml": workload("Deployment", "worker", "  replicas: 2\n"),
        "pvc.yaml": claim("ReadWriteOnce"),
      },
      errors: [{ file: "b.yaml", line: 15, column: 46, message: "Deployment web/worker runs 2 replicas that all mount the ReadWriteOnce PVC web/uploads, which Deployment web/api (a.yaml:14) also mounts" }],
    },
    {
      name: "a StatefulSet sharing a claim with a Deployment",
      yaml: `${workload("StatefulSet", "db", "  serviceName: db\n")}---\n${workload("Deployment", "backup")}---\n${claim("ReadWriteOnce")}`,
      errors: [{ line: 30, column: 46, message: "Deployment web/backup mounts the ReadWriteOnce PVC web/uploads, which StatefulSet web/db (case.yaml:15) also mounts" }],
    },
    {
      name: "a parallel Job",
      yaml: `${workload("Job", "crunch", "  parallelism: 4\n  manualSelector: true\n")}---\n${claim("ReadWriteOnce")}`,
      errors: [{ line: 16, column: 46, message: "Job web/crunch runs 4 pods in parallel that all mount" }],
    },
  ],
});
