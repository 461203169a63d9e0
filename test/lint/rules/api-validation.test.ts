import { rule } from "../../../src/lint/rules/api-validation.js";
import { testRule } from "../rule-tester.js";

const SUBDOMAIN_RULE = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const LABEL_RULE = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";

/** A Deployment with one container; `spec` replaces the pod spec lines (6 spaces deep). */
const deployment = (podSpec: string, labels = "{app: web}") => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: ${labels}
    spec:
${podSpec}`;

const oneContainer = "      containers:\n        - name: web\n          image: web:1\n";

const service = (spec: string) => `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
${spec}`;

testRule(rule, {
  valid: [
    { name: "a valid Deployment", yaml: deployment(oneContainer) },
    {
      name: "generateName with a trailing dash and no name",
      yaml: "apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: migrate, image: migrate:1}]\n",
    },
    {
      name: "qualified label keys with a prefix, empty and 63-character values, annotation keys in any case",
      yaml: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app.config-1\n  labels:\n    app.kubernetes.io/name: web\n    example.com/Tier_1: Front.End\n    empty: ""\n    long: ${"a".repeat(63)}\n  annotations:\n    Example.COM/Owner: team\n`,
    },
    { name: "RBAC names may hold ':' and upper case", yaml: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: system:Controller:web\nrules: []\n" },
    { name: "a custom resource named Deployment is not judged", yaml: "apiVersion: example.com/v1\nkind: Deployment\nmetadata:\n  name: My_App\n  labels: {'a/b/c': x}\nspec:\n  template:\n    spec:\n      containers: [{name: Web}]\n" },
    { name: "a CRD group under k8s.io is not built in", yaml: "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: Web_Route\n" },
    {
      name: "UDP and TCP on the same port, unnamed single Service port, named targetPort",
      yaml: `${service("  ports:\n    - port: 53\n      targetPort: dns\n")}---\n${service("  ports:\n    - {name: dns, port: 53, protocol: UDP}\n    - {name: dns-tcp, port: 53, protocol: TCP}\n")}`,
    },
    {
      name: "container ports: UDP and TCP on one number, names once each",
      yaml: deployment("      containers:\n        - name: dns\n          image: dns:1\n          ports:\n            - {name: dns, containerPort: 53, protocol: UDP}\n            - {name: dns-tcp, containerPort: 53}\n"),
    },
    {
      name: "volume mounts of existing volumes, enums with supported values",
      yaml: deployment("      dnsPolicy: ClusterFirstWithHostNet\n      restartPolicy: Always\n      volumes:\n        - {name: data, emptyDir: {}}\n      containers:\n        - name: web\n          image: web:1\n          imagePullPolicy: IfNotPresent\n          terminationMessagePolicy: FallbackToLogsOnError\n          volumeMounts: [{name: data, mountPath: /data}]\n"),
    },
    {
      name: "env that extends an earlier definition through $(NAME)",
      yaml: deployment("      containers:\n        - name: web\n          image: web:1\n          env:\n            - {name: PATH, value: /bin}\n            - {name: PATH, value: \"$(PATH):/opt/bin\"}\n"),
    },
    {
      name: "a StatefulSet's pod spec mounts its volumeClaimTemplates",
      yaml: "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec:\n      containers: [{name: db, image: db:1, volumeMounts: [{name: data, mountPath: /data}]}]\n  volumeClaimTemplates:\n    - metadata: {name: data}\n",
    },
    {
      name: "a Service name that starts with a digit from Kubernetes 1.35",
      yaml: "apiVersion: v1\nkind: Service\nmetadata:\n  name: 1web\nspec:\n  ports: [{port: 80}]\n",
      target: { kubernetesVersion: "1.35" },
    },
  ],
  invalid: [
    {
      name: "an object name that is no DNS-1123 subdomain",
      yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: My_App\n",
      errors: [{ line: 4, column: 9, message: `metadata.name: Invalid value: "My_App": ${SUBDOMAIN_RULE} (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')` }],
    },
    {
      name: "a name of 254 characters",
      yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${"a".repeat(254)}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: web:1}]}\n`,
      errors: [{ line: 4, column: 9, message: "metadata.name: Invalid value: \"aaaa" }],
    },
    {
      name: "Namespace, StatefulSet and Service names are labels (a Service's a DNS-1035 label)",
      yaml: "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team.shop\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db.main\nspec:\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: [{name: db, image: db:1}]}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: 1web\nspec:\n  ports: [{port: 80}]\n",
      errors: [
        { line: 4, column: 9, message: `metadata.name: Invalid value: "team.shop": ${LABEL_RULE}` },
        { line: 9, column: 9, message: `metadata.name: Invalid value: "db.main": ${LABEL_RULE}` },
        { line: 19, column: 9, message: "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character" },
      ],
    },
    {
      name: "RBAC names are path segments",
      yaml: "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: team/admin%\n  namespace: shop\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: admin}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: ..\n  namespace: shop\n",
      errors: [
        { line: 4, column: 9, message: "metadata.name: Invalid value: \"team/admin%\": may not contain '/'" },
        { line: 4, column: 9, message: "metadata.name: Invalid value: \"team/admin%\": may not contain '%'" },
        { line: 11, column: 9, message: "metadata.name: Invalid value: \"..\": may not be '..'" },
      ],
    },
    {
      name: "no name and no generateName; a generateName that is no valid prefix; a bad namespace",
      yaml: "apiVersion: v1\nkind: Secret\nmetadata:\n  namespace: Shop\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  generateName: Web_\nspec:\n  containers: [{name: web, image: web:1}]\n",
      errors: [
        { line: 3, column: 1, message: "metadata.name: Required value: name or generateName is required" },
        { line: 4, column: 14, message: `metadata.namespace: Invalid value: "Shop": ${LABEL_RULE} (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')` },
        { line: 9, column: 17, message: `metadata.generateName: Invalid value: "Web_": ${SUBDOMAIN_RULE}` },
      ],
    },
    {
      name: "a CronJob name over 52 characters",
      yaml: `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: ${"n".repeat(53)}\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec: {restartPolicy: OnFailure, containers: [{name: c, image: c:1}]}\n`,
      errors: [{ line: 4, column: 9, message: "metadata.name: Invalid value: \"nnn" }],
    },
    {
      name: "label keys and values: a bad prefix, a slash too many, a 64-character value, a value ending in '-'",
      yaml: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  labels:\n    Example.com/name: x\n    a/b/c: x\n    long: ${"v".repeat(64)}\n    tier: front-\n`,
      errors: [
        { line: 6, column: 23, message: `metadata.labels: Invalid value: "Example.com/name": prefix part ${SUBDOMAIN_RULE}` },
        { line: 7, column: 12, message: "metadata.labels: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character" },
        { line: 8, column: 11, message: `metadata.labels: Invalid value: "${"v".repeat(64)}": must be no more than 63 characters` },
        { line: 9, column: 11, message: "metadata.labels: Invalid value: \"front-\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character" },
      ],
    },
    {
      name: "a label key name part over 63 characters, an annotation key with a space, annotations over 256 KiB",
      yaml: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  labels:\n    example.com/${"k".repeat(64)}: x\n  annotations:\n    "my note": x\n    big: ${"b".repeat(262144)}\n`,
      errors: [
        { line: 6, column: 83, message: "metadata.labels: Invalid value: \"example.com/kkk" },
        { line: 7, column: 3, message: "metadata.annotations: Too long: must have at most 262144 bytes (these annotations have 262155)" },
        { line: 8, column: 16, message: "metadata.annotations: Invalid value: \"my note\": name part must consist of alphanumeric characters" },
      ],
    },
    {
      name: "pod template labels and selector matchLabels",
      yaml: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web, 'bad key': x}\n  template:\n    metadata:\n      labels: {app: web, 'bad key': x, version: v1_}\n    spec:\n      containers: [{name: web, image: web:1}]\n",
      errors: [
        { line: 7, column: 40, message: "spec.selector.matchLabels: Invalid value: \"bad key\"" },
        { line: 10, column: 37, message: "spec.template.metadata.labels: Invalid value: \"bad key\"" },
        { line: 10, column: 49, message: "spec.template.metadata.labels: Invalid value: \"v1_\"" },
      ],
    },
    {
      name: "container names: invalid, empty, duplicate across containers and initContainers (a missing one is the schema's)",
      yaml: deployment("      initContainers:\n        - name: web\n          image: init:1\n      containers:\n        - name: Web_Server\n          image: web:1\n        - name: \"\"\n          image: sidecar:1\n        - name: web\n          image: web:2\n        - image: nameless:1\n"),
      errors: [
        { line: 14, column: 17, message: "spec.template.spec.initContainers[0].name: Duplicate value: \"web\"" },
        { line: 17, column: 17, message: `spec.template.spec.containers[0].name: Invalid value: "Web_Server": ${LABEL_RULE}` },
        { line: 19, column: 17, message: "spec.template.spec.containers[1].name: Required value" },
      ],
    },
    {
      name: "a container and an init container without image",
      yaml: deployment("      initContainers:\n        - name: init\n      containers:\n        - name: web\n          image: \"\"\n"),
      errors: [
        { line: 14, column: 11, message: "spec.template.spec.initContainers[0].image: Required value" },
        { line: 17, column: 18, message: "spec.template.spec.containers[0].image: Required value" },
      ],
    },
    {
      name: "container ports: bad names, a duplicate name, numbers out of range, a protocol",
      yaml: deployment("      containers:\n        - name: web\n          image: web:1\n          ports:\n            - {name: HTTP, containerPort: 8080}\n            - {name: metrics-port-12345, containerPort: 70000}\n            - {name: \"9090\", containerPort: 9090, hostPort: 0}\n            - {name: a--b, containerPort: 9091, hostPort: 65536, protocol: tcp}\n            - {name: web, containerPort: 81}\n            - {name: web, containerPort: 82}\n"),
      errors: [
        { line: 17, column: 22, message: "spec.template.spec.containers[0].ports[0].name: Invalid value: \"HTTP\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)" },
        { line: 17, column: 22, message: "spec.template.spec.containers[0].ports[0].name: Invalid value: \"HTTP\": must contain at least one letter (a-z)" },
        { line: 18, column: 22, message: "spec.template.spec.containers[0].ports[1].name: Invalid value: \"metrics-port-12345\": must be no more than 15 characters" },
        { line: 18, column: 57, message: "spec.template.spec.containers[0].ports[1].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive" },
        { line: 19, column: 22, message: "spec.template.spec.containers[0].ports[2].name: Invalid value: \"9090\": must contain at least one letter (a-z)" },
        { line: 20, column: 22, message: "must not contain consecutive hyphens" },
        { line: 20, column: 59, message: "spec.template.spec.containers[0].ports[3].hostPort: Invalid value: 65536: must be between 1 and 65535, inclusive" },
        { line: 20, column: 76, message: "spec.template.spec.containers[0].ports[3].protocol: Unsupported value: \"tcp\": supported values: \"SCTP\", \"TCP\", \"UDP\"" },
        { line: 22, column: 22, message: "spec.template.spec.containers[0].ports[5].name: Duplicate value: \"web\"" },
      ],
    },
    {
      name: "duplicate container port with the default protocol: one without protocol, one with TCP",
      yaml: deployment("      containers:\n        - name: web\n          image: web:1\n          ports:\n            - {containerPort: 8080}\n        - name: proxy\n          image: proxy:1\n          ports:\n            - {containerPort: 8080, protocol: TCP}\n"),
      errors: [{ line: 21, column: 15, severity: "warning", message: "spec.template.spec.containers[1].ports[0]: duplicate port definition with spec.template.spec.containers[0].ports[0] (containerPort 8080, protocol TCP)" }],
    },
    {
      name: "hostPorts: the same hostPort twice in a pod, a hostPort other than containerPort with hostNetwork, containerPort 0",
      yaml: deployment("      hostNetwork: true\n      containers:\n        - name: web\n          image: web:1\n          ports:\n            - {containerPort: 80, hostPort: 80}\n            - {containerPort: 0}\n        - name: proxy\n          image: proxy:1\n          ports:\n            - {containerPort: 8080, hostPort: 80}\n            - {containerPort: 53, hostPort: 53, protocol: UDP}\n"),
      errors: [
        { line: 19, column: 31, message: "spec.template.spec.containers[0].ports[1].containerPort: Required value" },
        { line: 23, column: 47, message: "spec.template.spec.containers[1].ports[0].hostPort: Invalid value: 80: must match `containerPort` when `hostNetwork` is true" },
        { line: 23, column: 47, message: "spec.template.spec.containers[1].ports[0].hostPort: Duplicate value: \"TCP//80\"" },
      ],
    },
    {
      name: "volumes: invalid and duplicate names, a mount of a volume that does not exist, a mount path twice",
      yaml: deployment("      volumes:\n        - {name: Data, emptyDir: {}}\n        - {name: cache, emptyDir: {}}\n        - {name: cache, emptyDir: {}}\n      containers:\n        - name: web\n          image: web:1\n          volumeMounts:\n            - {name: cache, mountPath: /cache}\n            - {name: config, mountPath: /cache}\n"),
      errors: [
        { line: 14, column: 18, message: `spec.template.spec.volumes[0].name: Invalid value: "Data": ${LABEL_RULE}` },
        { line: 16, column: 18, message: "spec.template.spec.volumes[2].name: Duplicate value: \"cache\"" },
        { line: 22, column: 22, message: "spec.template.spec.containers[0].volumeMounts[1].name: Not found: \"config\": the pod's volumes are \"Data\", \"cache\"" },
        { line: 22, column: 41, message: "spec.template.spec.containers[0].volumeMounts[1].mountPath: Invalid value: \"/cache\": must be unique" },
      ],
    },
    {
      name: "enums: imagePullPolicy, terminationMessagePolicy, dnsPolicy, restartPolicy of a Pod",
      yaml: "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  restartPolicy: Sometimes\n  dnsPolicy: ClusterLast\n  containers:\n    - name: web\n      image: web:1\n      imagePullPolicy: Sometimes\n      terminationMessagePolicy: Log\n",
      errors: [
        { line: 5, column: 18, message: "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"" },
        { line: 6, column: 14, message: "spec.dnsPolicy: Unsupported value: \"ClusterLast\": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\"" },
        { line: 10, column: 24, message: "spec.containers[0].imagePullPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\"" },
        { line: 11, column: 33, message: "spec.containers[0].terminationMessagePolicy: Unsupported value: \"Log\": supported values: \"File\", \"FallbackToLogsOnError\"" },
      ],
    },
    {
      name: "restartPolicy per owner: Deployment only Always, Job and CronJob only OnFailure or Never (unset is Always)",
      yaml: `${deployment("      restartPolicy: OnFailure\n" + oneContainer)}---\napiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate}\nspec:\n  template:\n    spec:\n      containers: [{name: migrate, image: migrate:1}]\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Always\n          containers: [{name: c, image: c:1}]\n`,
      errors: [
        { line: 13, column: 22, message: "spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\"" },
        { line: 23, column: 5, message: "spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"" },
        { line: 35, column: 26, message: "spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"" },
      ],
    },
    {
      name: "env defined twice is a warning",
      yaml: deployment("      containers:\n        - name: web\n          image: web:1\n          env:\n            - {name: MODE, value: a}\n            - {name: MODE, value: b}\n"),
      errors: [{ line: 18, column: 15, severity: "warning", message: "spec.template.spec.containers[0].env[1]: hides previous definition of \"MODE\", which may be dropped when using apply" }],
    },
    {
      name: "Service type, session affinity, port names, numbers and protocols",
      yaml: service("  type: Internal\n  sessionAffinity: Sticky\n  ports:\n    - {port: 80, targetPort: 0x1F90}\n    - {name: Web, port: 0, protocol: HTTP, targetPort: 70000}\n    - {name: metrics, port: 9090, targetPort: Metrics}\n    - {name: metrics, port: 9091}\n"),
      errors: [
        { line: 6, column: 9, message: "spec.type: Unsupported value: \"Internal\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"" },
        { line: 7, column: 20, message: "spec.sessionAffinity: Unsupported value: \"Sticky\": supported values: \"ClientIP\", \"None\"" },
        { line: 9, column: 7, message: "spec.ports[0].name: Required value" },
        { line: 10, column: 14, message: `spec.ports[1].name: Invalid value: "Web": ${LABEL_RULE}` },
        { line: 10, column: 25, message: "spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive" },
        { line: 10, column: 38, message: "spec.ports[1].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"" },
        { line: 10, column: 56, message: "spec.ports[1].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive" },
        { line: 11, column: 47, message: "spec.ports[2].targetPort: Invalid value: \"Metrics\": must contain only alpha-numeric characters" },
        { line: 12, column: 14, message: "spec.ports[3].name: Duplicate value: \"metrics\"" },
      ],
    },
    {
      name: "duplicate Service port with the default protocol: one without protocol, one with TCP",
      yaml: service("  ports:\n    - {name: http, port: 80}\n    - {name: http-alt, port: 80, protocol: TCP}\n"),
      errors: [{ line: 8, column: 7, message: "spec.ports[1]: Duplicate value: {\"port\":80,\"protocol\":\"TCP\"}" }],
    },
    {
      name: "a StatefulSet: matchExpressions keys, template restartPolicy; an ephemeral container named like a container",
      yaml: "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n  selector:\n    matchLabels: {app: db}\n    matchExpressions:\n      - {key: 'tier/role/x', operator: Exists}\n  template:\n    metadata: {labels: {app: db}}\n    spec:\n      restartPolicy: Never\n      containers: [{name: db, image: db:1}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: db}\nspec:\n  containers: [{name: db, image: db:1}]\n  ephemeralContainers: [{name: db, image: debug:1}]\n",
      errors: [
        { line: 9, column: 15, message: "spec.selector.matchExpressions[0].key: Invalid value: \"tier/role/x\": a qualified name must consist of" },
        { line: 13, column: 22, message: "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"" },
        { line: 21, column: 32, message: "spec.ephemeralContainers[0].name: Duplicate value: \"db\"" },
      ],
    },
    {
      name: "a PodTemplate and a ReplicationController selector",
      yaml: "apiVersion: v1\nkind: PodTemplate\nmetadata: {name: web}\ntemplate:\n  spec:\n    containers: [{name: Web, image: web:1}]\n---\napiVersion: v1\nkind: ReplicationController\nmetadata: {name: web}\nspec:\n  selector: {app: 'web server'}\n  template:\n    metadata: {labels: {app: 'web server'}}\n    spec: {containers: [{name: web, image: web:1}]}\n",
      errors: [
        { line: 6, column: 25, message: "template.spec.containers[0].name: Invalid value: \"Web\"" },
        { line: 12, column: 19, message: "spec.selector: Invalid value: \"web server\"" },
        { line: 14, column: 30, message: "spec.template.metadata.labels: Invalid value: \"web server\"" },
      ],
    },
  ],
});
