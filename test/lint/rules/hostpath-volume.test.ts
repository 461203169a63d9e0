import { rule } from "../../../src/lint/rules/hostpath-volume.js";
import { testRule } from "../rule-tester.js";

const daemonSet = (volumes: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: ops
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: agent:1}]
      volumes:
${volumes}`;

testRule(rule, {
  valid: [
    {
      name: "other volume types and odd shapes",
      yaml: daemonSet(`      - name: tmp
        emptyDir: {}
      - name: odd
        hostPath: null
      - just-a-string
`),
    },
    {
      name: "allowedPaths prefixes, by path segment",
      options: { allowedPaths: ["/var/log/", "/etc/cni"] },
      yaml: daemonSet(`      - name: logs
        hostPath: {path: /var/log}
      - name: pods
        hostPath: {path: /var/log/pods}
      - name: cni
        hostPath: {path: /etc/cni/net.d/}
`),
    },
  ],
  invalid: [
    {
      name: "a hostPath PersistentVolume",
      yaml: "apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: mysql-pv}\nspec:\n  capacity: {storage: 5Gi}\n  accessModes: [ReadWriteOnce]\n  hostPath:\n    path: /data/mysql\n",
      errors: [{ line: 8, column: 11, severity: "warning", message: "PersistentVolume mysql-pv is a hostPath volume (/data/mysql): its data lives on one node's disk" }],
    },
    {
      name: "hostPath volumes point at the path",
      yaml: daemonSet(`      - name: logs
        hostPath:
          path: /var/log
          type: Directory
      - name: docker
        hostPath: {path: /var/run/docker.sock}
`),
      errors: [
        { line: 15, column: 17, message: "DaemonSet ops/agent mounts hostPath /var/log from the node as volume logs" },
        { line: 18, column: 26, message: "/var/run/docker.sock from the node as volume docker, which gives the pod control of the node's container runtime" },
      ],
    },
    {
      name: "a prefix does not allow a sibling directory; a Pod without a path points at hostPath",
      options: { allowedPaths: ["/var/log"] },
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: c, image: c:1}]
  volumes:
  - name: logs
    hostPath: {path: /var/logs}
  - name: bad
    hostPath: {}
  - name: pki
    hostPath: {path: /etc/kubernetes/pki, type: Directory}
`,
      errors: [
        { line: 8, column: 22, message: "mounts hostPath /var/logs" },
        { line: 10, column: 15, message: "mounts hostPath (no path)" },
        { line: 12, column: 22, message: "mounts hostPath /etc/kubernetes/pki from the node as volume pki, a sensitive node directory" },
      ],
    },
  ],
});
