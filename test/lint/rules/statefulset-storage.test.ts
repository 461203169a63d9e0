import { rule } from "../../../src/lint/rules/statefulset-storage.js";
import { testRule } from "../rule-tester.js";

const statefulSet = (replicas: number, extra: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: data
spec:
  replicas: ${replicas}
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: postgres:16}]
${extra}`;

const sharedVolume = `      volumes:
        - name: pgdata
          persistentVolumeClaim:
            claimName: pgdata
`;

const claim = (modes: string) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: pgdata, namespace: data}
spec:
  accessModes: [${modes}]
  resources: {requests: {storage: 1Gi}}
`;

const claimTemplates = (spec: string) => `  volumeClaimTemplates:
    - metadata: {name: pgdata}
      spec:
        accessModes: [ReadWriteOnce]
${spec}        resources: {requests: {storage: 1Gi}}
`;

const defaultClass = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
provisioner: example.com/disk
`;

testRule(rule, {
  valid: [
    { name: "a single replica may mount a ReadWriteOnce claim", yaml: `${statefulSet(1, sharedVolume)}---\n${claim("ReadWriteOnce")}` },
    { name: "replicas sharing a ReadWriteMany claim", yaml: `${statefulSet(3, sharedVolume)}---\n${claim("ReadWriteMany")}` },
    { name: "volumeClaimTemplates with a class in the set", yaml: `${statefulSet(3, claimTemplates("        storageClassName: fast\n"))}---\napiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: fast}\nprovisioner: x\n` },
    { name: "a class the cluster provides", yaml: statefulSet(3, claimTemplates("        storageClassName: gp3\n")), target: { mode: "cluster", provided: { storageClasses: ["gp3"], namespaces: [] } } },
    { name: "no class with a default class in the tree (cluster mode)", yaml: `${statefulSet(3, claimTemplates(""))}---\n${defaultClass}`, target: { mode: "cluster" } },
    { name: "no class in files mode: the default class lives in the cluster", yaml: statefulSet(3, claimTemplates("")) },
    { name: "the legacy storage-class annotation naming a class in the set", yaml: `${statefulSet(2, "  volumeClaimTemplates:\n    - metadata:\n        name: pgdata\n        annotations: {volume.beta.kubernetes.io/storage-class: standard}\n")}---\n${defaultClass}` },
    { name: 'storageClassName "" with a classless volume (cluster mode)', yaml: `${statefulSet(1, claimTemplates('        storageClassName: ""\n'))}---\napiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv1}\nspec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /data}}\n`, target: { mode: "cluster" } },
    { name: "an RWO claim in another namespace is another claim", yaml: `${statefulSet(3, sharedVolume)}---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: pgdata, namespace: other}\nspec: {accessModes: [ReadWriteOnce]}\n---\n${claim("ReadWriteMany")}` },
    { name: "a claim missing in cluster mode is another rule's finding", yaml: statefulSet(3, sharedVolume), target: { mode: "cluster" } },
    { name: "odd shapes", yaml: statefulSet(3, "      volumes: [null, 3, {persistentVolumeClaim: nope}]\n  volumeClaimTemplates: [null, 1, {spec: 2}]\n") },
  ],
  invalid: [
    {
      name: "replicas sharing one ReadWriteOnce claim",
      yaml: `${statefulSet(3, sharedVolume)}---\n${claim("ReadWriteOnce")}`,
      errors: [{ line: 17, column: 24, severity: "error", message: 'StatefulSet data/db runs 3 replicas that all mount the ReadWriteOnce PVC data/pgdata (volume "pgdata"): it attaches to one node at a time, so pods scheduled on other nodes cannot start; use volumeClaimTemplates' }],
    },
    {
      name: "ReadWriteOncePod, claim in another file",
      yaml: { "sts.yaml": statefulSet(2, sharedVolume), "pvc.yaml": claim("ReadWriteOncePod") },
      errors: [{ file: "sts.yaml", line: 17, column: 24, message: "mount the ReadWriteOncePod PVC data/pgdata (volume \"pgdata\"): only one pod can use it" }],
    },
    {
      name: "claim not in the linted files",
      yaml: statefulSet(2, sharedVolume),
      errors: [{ line: 17, column: 24, severity: "warning", message: "the claim is not in the linted files, so kforge cannot tell the access mode" }],
    },
    {
      name: "claim template naming a class that is nowhere",
      yaml: statefulSet(3, claimTemplates("        storageClassName: fast\n")),
      errors: [{ line: 18, column: 27, severity: "warning", message: 'StatefulSet data/db claim template "pgdata" asks for StorageClass fast, which is not in the linted files' }],
    },
    {
      name: "claim template naming a missing class (cluster mode)",
      yaml: `${statefulSet(1, claimTemplates("        storageClassName: fast\n"))}---\n${defaultClass}`,
      target: { mode: "cluster", provided: { storageClasses: ["gp2"], namespaces: [] } },
      errors: [{ line: 18, column: 27, severity: "warning", message: "neither in the tree nor in the cluster's provided storage classes" }],
    },
    {
      name: "no class and no default class (cluster mode)",
      yaml: statefulSet(3, claimTemplates("")),
      target: { mode: "cluster" },
      errors: [{ line: 16, column: 7, severity: "warning", message: "relies on a default StorageClass, none is in the tree or provided" }],
    },
    {
      name: 'storageClassName "" with no classless volume (cluster mode)',
      yaml: statefulSet(3, claimTemplates('        storageClassName: ""\n')),
      target: { mode: "cluster" },
      errors: [{ line: 18, column: 27, severity: "warning", message: 'storageClassName "", which binds only to pre-created PersistentVolumes' }],
    },
  ],
});
