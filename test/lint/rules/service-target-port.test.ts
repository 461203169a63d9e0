import { rule } from "../../../src/lint/rules/service-target-port.js";
import { testRule } from "../rule-tester.js";

const service = (ports: string, selector = "{app: web}") => `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: ${selector}
  ports:
${ports}`;

const deployment = (containers: string, name = "web") => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
${containers}`;

const declaring = deployment("      containers:\n        - name: web\n          image: nginx:1.27\n          ports:\n            - {name: http, containerPort: 8080}\n            - {name: metrics, containerPort: 9090}\n");

testRule(rule, {
  valid: [
    { name: "numeric targetPort declared", yaml: `${service("    - {port: 80, targetPort: 8080}\n")}---\n${declaring}` },
    { name: "named targetPort declared", yaml: `${service("    - {name: http, port: 80, targetPort: http}\n    - {name: metrics, port: 9090}\n")}---\n${declaring}` },
    { name: "pods that declare no ports are not judged for numbers", yaml: `${service("    - {port: 80, targetPort: 3000}\n")}---\n${deployment("      containers: [{name: web, image: node:22}]\n")}` },
    { name: "the Service selects no pod template in the set", yaml: service("    - {port: 80, targetPort: http}\n", "{app: elsewhere}") },
    { name: "a Service without selector", yaml: "apiVersion: v1\nkind: Service\nmetadata: {name: ext}\nspec:\n  ports: [{port: 80, targetPort: web}]\n" },
    { name: "a named port on a sidecar (restartable init container)", yaml: `${service("    - {port: 15090, targetPort: envoy-prom}\n")}---\n${deployment("      initContainers:\n        - name: proxy\n          image: envoy:1\n          restartPolicy: Always\n          ports: [{name: envoy-prom, containerPort: 15090}]\n      containers: [{name: web, image: web:1}]\n")}` },
    { name: "UDP named port matching the protocol", yaml: `${service("    - {name: dns, port: 53, protocol: UDP, targetPort: dns}\n")}---\n${deployment("      containers:\n        - name: dns\n          image: coredns:1\n          ports: [{name: dns, containerPort: 53, protocol: UDP}]\n")}` },
    { name: "one of several selected templates declares the port", yaml: `${service("    - {port: 80, targetPort: 8080}\n")}---\n${declaring}---\n${deployment("      containers: [{name: web, image: web:2, ports: [{containerPort: 7070}]}]\n", "canary")}` },
    { name: "odd shapes", yaml: `${service("    - 80\n    - null\n    - {port: 80, targetPort: {x: 1}}\n")}---\n${deployment("      containers: [null, {name: web, ports: [null, 3, {containerPort: \"8080\"}]}]\n")}` },
  ],
  invalid: [
    {
      name: "numeric targetPort no container declares",
      yaml: `${service("    - name: http\n      port: 80\n      targetPort: 8000\n")}---\n${declaring}`,
      errors: [{ line: 11, column: 19, message: 'Service shop/web port "http" (80) targets port 8000, but no container of the pods it selects (Deployment shop/web) declares containerPort 8000 (declared: 8080/TCP http, 9090/TCP metrics)' }],
    },
    {
      name: "no targetPort: the port number itself must be declared",
      yaml: `${service("    - port: 80\n")}---\n${declaring}`,
      errors: [{ line: 9, column: 13, message: "port 80 targets port 80, but no container" }],
    },
    {
      name: "named targetPort that no container declares",
      yaml: `${service("    - {port: 80, targetPort: web}\n")}---\n${declaring}`,
      errors: [{ line: 9, column: 30, message: 'targets the named port "web", but no container of the pods it selects (Deployment shop/web) declares a port named "web"' }],
    },
    {
      name: "named port that only a non-matching pod template declares, in another file",
      yaml: {
        "svc.yaml": service("    - {port: 80, targetPort: http}\n"),
        "deploy.yaml": deployment("      containers: [{name: web, image: web:1}]\n"),
        "other.yaml": `apiVersion: v1\nkind: Pod\nmetadata: {name: other, namespace: shop, labels: {app: other}}\nspec:\n  containers: [{name: o, image: o:1, ports: [{name: http, containerPort: 80}]}]\n`,
      },
      errors: [{ file: "svc.yaml", line: 9, column: 30, message: '(declared: none)' }],
    },
    {
      name: "named port declared with another protocol",
      yaml: `${service("    - {port: 53, protocol: UDP, targetPort: dns}\n")}---\n${deployment("      containers:\n        - name: dns\n          image: coredns:1\n          ports: [{name: dns, containerPort: 53}]\n")}`,
      errors: [{ line: 9, column: 45, message: "the selected containers declare it with protocol TCP, not UDP" }],
    },
  ],
});
