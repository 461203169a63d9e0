import { rule } from "../../../src/lint/rules/missing-reference.js";
import { testRule } from "../rule-tester.js";

const deployment = (spec: string, ns = "shop") => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${ns}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
${spec}`;

const shopNamespace = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
`;

testRule(rule, {
  valid: [
    {
      name: "every reference is in the set, across files",
      yaml: {
        "ns.yaml": shopNamespace,
        "config.yaml": `apiVersion: v1
kind: ConfigMap
metadata: {name: web-config, namespace: shop}
---
apiVersion: v1
kind: Secret
metadata: {name: db, namespace: shop}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: shop}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data, namespace: shop}
spec:
  storageClassName: fast
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fast}
provisioner: example.com/disk
`,
        "deploy.yaml": deployment(`      serviceAccountName: web
      imagePullSecrets: [{name: db}]
      volumes:
      - {name: config, configMap: {name: web-config}}
      - {name: data, persistentVolumeClaim: {claimName: data}}
      - name: both
        projected:
          sources:
          - configMap: {name: web-config}
          - secret: {name: db}
      containers:
      - name: web
        image: web:1.0
        envFrom: [{configMapRef: {name: web-config}}]
        env:
        - name: DB_PASSWORD
          valueFrom: {secretKeyRef: {name: db, key: password}}
`),
      },
    },
    {
      name: "optional references, the default service account and built-in namespaces",
      yaml: deployment(`      serviceAccountName: default
      volumes:
      - {name: tls, secret: {secretName: maybe, optional: true}}
      containers:
      - name: web
        image: web:1.0
        envFrom: [{secretRef: {name: maybe, optional: true}}]
        env:
        - {name: A, valueFrom: {configMapKeyRef: {name: maybe, key: a, optional: true}}}
`, "kube-system"),
    },
    {
      name: "objects provided by the cluster",
      target: {
        mode: "cluster",
        provided: { namespaces: ["shop"], storageClasses: ["gp3"], secrets: ["shop/registry"], serviceAccounts: ["shop/web"], configMaps: ["shop/web-config"], persistentVolumeClaims: ["shop/data"] } as never,
      },
      yaml: deployment(`      serviceAccountName: web
      imagePullSecrets: [{name: registry}]
      volumes:
      - {name: config, configMap: {name: web-config}}
      - {name: data, persistentVolumeClaim: {claimName: data}}
      - {name: scratch, ephemeral: {volumeClaimTemplate: {spec: {storageClassName: gp3}}}}
      containers: [{name: web, image: web:1.0}]
`),
    },
    {
      name: "empty storageClassName, a class named by a static PersistentVolume, and a pre-bound claim",
      yaml: `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: a}
spec: {storageClassName: ""}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv1}
spec: {storageClassName: manual, capacity: {storage: 1Gi}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: b}
spec: {storageClassName: manual}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: c}
spec: {storageClassName: other, volumeName: pv2}
`,
    },
    {
      name: "built-in roles, default service account subjects, and RBAC objects in the set",
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: auth-reader, namespace: kube-system}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: extension-apiserver-authentication-reader}
subjects:
- {kind: ServiceAccount, name: default, namespace: kube-system}
- {kind: User, name: alice}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: viewers}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:auth-delegator"}
subjects:
- {kind: ServiceAccount, name: metrics, namespace: kube-system}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: metrics, namespace: kube-system}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: own, namespace: kube-system}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: mine}
subjects:
- {kind: ServiceAccount, name: metrics}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: mine, namespace: kube-system}
rules: []
`,
    },
    {
      name: "a Secret created by a SealedSecret or an ExternalSecret",
      yaml: `apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata: {name: db}
spec: {encryptedData: {password: AgBy8h}}
---
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata: {name: api-ext}
spec: {target: {name: api}}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  volumes: [{name: db, secret: {secretName: db}}, {name: api, secret: {secretName: api}}]
  containers: [{name: c, image: c:1}]
`,
    },
    {
      name: "odd shapes are skipped",
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: ""}
spec:
  volumes: [null, "x", {name: a, configMap: null}, {name: b, projected: {sources: "x"}}]
  imagePullSecrets: "nope"
  containers: [{name: c, image: c:1, env: [null, {name: x, valueFrom: "y"}], envFrom: "z"}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb}
roleRef: "x"
subjects: [null, {kind: ServiceAccount}]
`,
    },
  ],
  invalid: [
    {
      name: "files mode: a namespace that is not in the files is one note, at its first use, however many objects are in it",
      yaml: {
        "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: team}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: team}\n",
        "b.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: team}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: d, namespace: other}\n",
      },
      errors: [
        { file: "a.yaml", line: 3, column: 32, severity: "info", message: "Namespace team is not in the linted files (fine if it is created elsewhere); it is used by ConfigMap team/a (metadata.namespace) and 2 other objects", remediation: "spec.provided.namespaces" },
        { file: "b.yaml", line: 7, column: 32, severity: "info", message: "Namespace other is not in the linted files (fine if it is created elsewhere); it is used by ConfigMap other/d (metadata.namespace)" },
      ],
    },
    {
      name: "files mode: missing ConfigMap, Secret, claim and service account are warnings",
      yaml: deployment(`      serviceAccountName: web
      volumes:
      - {name: config, configMap: {name: web-config}}
      - {name: data, persistentVolumeClaim: {claimName: data}}
      containers:
      - name: web
        image: web:1.0
        env:
        - name: DB_PASSWORD
          valueFrom: {secretKeyRef: {name: db, key: password}}
`),
      errors: [
        { line: 5, column: 14, severity: "info", message: "Namespace shop is not in the linted files (fine if it is created elsewhere); it is used by Deployment shop/web (metadata.namespace)" },
        { line: 11, column: 27, severity: "warning", message: "references ServiceAccount shop/web (serviceAccountName)" },
        { line: 13, column: 42, severity: "warning", message: "references ConfigMap shop/web-config (volume config)" },
        { line: 14, column: 57, severity: "warning", message: "references PersistentVolumeClaim shop/data" },
        { line: 20, column: 44, severity: "warning", message: "references Secret shop/db (container web env DB_PASSWORD)" },
      ],
    },
    {
      name: "cluster mode: a Secret in another namespace does not count, and missing objects are errors",
      target: { mode: "cluster" },
      yaml: {
        "a.yaml": `${shopNamespace}---
apiVersion: v1
kind: Secret
metadata: {name: registry, namespace: default}
`,
        "b.yaml": deployment(`      imagePullSecrets:
      - name: registry
      containers: [{name: web, image: web:1.0, envFrom: [{secretRef: {name: env}}]}]
`),
      },
      errors: [
        { file: "b.yaml", line: 12, column: 15, severity: "error", message: "references Secret shop/registry (imagePullSecrets), which exists nowhere" },
        { file: "b.yaml", line: 13, column: 77, severity: "error", message: "references Secret shop/env" },
      ],
    },
    {
      name: "storage classes of claims, claim templates and the deprecated annotation",
      target: { provided: { storageClasses: ["standard"], namespaces: [] } },
      yaml: `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: a}
spec: {storageClassName: fast}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: db:1}]}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {storageClassName: standard}
  - metadata:
      name: logs
      annotations: {volume.beta.kubernetes.io/storage-class: slow}
`,
      errors: [
        { line: 4, column: 26, message: "PersistentVolumeClaim default/a references StorageClass fast (spec.storageClassName)" },
      ],
    },
    {
      name: "RBAC: missing Role, ClusterRole and service account subjects",
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb, namespace: kube-system}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
- {kind: ServiceAccount, name: bot}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: crb}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: custom}
subjects:
- {kind: ServiceAccount, name: default, namespace: ops}
- {kind: Group, name: devs}
`,
      errors: [
        { line: 4, column: 66, message: "RoleBinding kube-system/rb references Role kube-system/reader (roleRef)" },
        { line: 6, column: 32, message: "references ServiceAccount kube-system/bot (subjects)" },
        { line: 11, column: 73, message: "ClusterRoleBinding crb references ClusterRole custom (roleRef)" },
        { line: 13, column: 52, severity: "info", message: "Namespace ops is not in the linted files (fine if it is created elsewhere); it is used by ClusterRoleBinding crb (subjects)" },
      ],
    },
    {
      name: "a binding in a missing namespace is reported once, at its namespace",
      target: { mode: "cluster" },
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: rb
  namespace: ops
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: ServiceAccount, name: default}
`,
      errors: [{ line: 5, column: 14, severity: "error", message: "RoleBinding ops/rb references Namespace ops (metadata.namespace), which exists nowhere" }],
    },
    {
      name: "a CRD kind named Secret or ConfigMap does not satisfy a core reference",
      yaml: `apiVersion: example.com/v1
kind: ConfigMap
metadata: {name: settings}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  serviceAccount: runner
  containers: [{name: c, image: c:1, envFrom: [{configMapRef: {name: settings}}]}]
`,
      errors: [
        { line: 9, column: 19, message: "references ServiceAccount default/runner (serviceAccount)" },
        { line: 10, column: 70, message: "references ConfigMap default/settings" },
      ],
    },
  ],
});
