/**
 * Times schema validation of many documents (parsing is timed apart: the comparison is
 * with kubeconform, ~1.7 s for 10,000 documents with 2 workers).
 *
 *   npm run bench:schema [-- <documents> <kubernetes version>]
 */
import { parseManifests } from "../src/resources/parse-manifests.js";
import { createSchemaValidator } from "../src/validate/validate-schema.js";

const count = Number(process.argv[2] ?? 10_000);
const version = process.argv[3] ?? "1.30";

const templates = [
  (i: number) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web-${i}, namespace: shop, labels: {app: web-${i}}}
spec:
  replicas: 3
  selector: {matchLabels: {app: web-${i}}}
  template:
    metadata: {labels: {app: web-${i}}}
    spec:
      securityContext: {runAsNonRoot: true, runAsUser: 1000}
      containers:
      - name: web
        image: registry.example.com/web:1.${i % 50}
        ports: [{containerPort: 8080, name: http}]
        env: [{name: LOG_LEVEL, value: info}, {name: POD, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]
        resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 1, memory: 512Mi}}
        readinessProbe: {httpGet: {path: /ready, port: http}, periodSeconds: 5}
        livenessProbe: {httpGet: {path: /healthz, port: 8080}, initialDelaySeconds: 10}
`,
  (i: number) => `apiVersion: v1
kind: Service
metadata: {name: web-${i}, namespace: shop}
spec:
  selector: {app: web-${i}}
  ports: [{name: http, port: 80, targetPort: http}]
`,
  (i: number) => `apiVersion: v1
kind: ConfigMap
metadata: {name: settings-${i}, namespace: shop}
data: {LOG_LEVEL: info, FEATURE_X: "true"}
`,
  (i: number) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web-${i}, namespace: shop}
spec:
  ingressClassName: nginx
  rules:
  - host: web-${i}.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web-${i}, port: {name: http}}}}
`,
];

const text = Array.from({ length: count }, (_, i) => templates[i % templates.length](i)).join("---\n");
let started = performance.now();
const { resources } = parseManifests(text, "bench.yaml");
const parseMs = performance.now() - started;

started = performance.now();
const validator = createSchemaValidator({ kubernetesVersion: version });
for (const template of templates) validator.validate(parseManifests(template(0), "warm.yaml").resources[0]);
const warmMs = performance.now() - started;

started = performance.now();
let problems = 0;
for (const resource of resources) problems += validator.validate(resource).length;
const validateMs = performance.now() - started;

console.log(`${resources.length} documents at ${version} (${validator.schemaSet}): validate ${validateMs.toFixed(0)} ms, ` +
  `first use (load + compile ${templates.length} kinds) ${warmMs.toFixed(0)} ms, YAML parsing ${parseMs.toFixed(0)} ms; ${problems} problems`);
