import { rule } from "../../../src/lint/rules/ingress-backend.js";
import { testRule } from "../rule-tester.js";

const service = (ns = "shop", extra = "") => `apiVersion: v1
kind: Service
metadata: {name: web, namespace: ${ns}}
spec:
${extra}  ports:
    - {name: http, port: 80, targetPort: 8080}
    - {name: https, port: 443, targetPort: 8443}
`;

const ingressV1 = (backend: string, ns = "shop") => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: ${ns}}
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
${backend}`;

testRule(rule, {
  valid: [
    { name: "v1 backend by port number", yaml: `${service()}---\n${ingressV1("              service: {name: web, port: {number: 80}}\n")}` },
    { name: "v1 backend by port name, Service in another file", yaml: { "svc.yaml": service(), "ing.yaml": ingressV1("              service: {name: web, port: {name: https}}\n") } },
    {
      name: "v1beta1 serviceName/servicePort and a default backend",
      yaml: `${service()}---\napiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata: {name: web, namespace: shop}\nspec:\n  backend: {serviceName: web, servicePort: http}\n  rules:\n    - http:\n        paths:\n          - backend: {serviceName: web, servicePort: 443}\n`,
    },
    { name: "a resource backend", yaml: ingressV1("              resource: {apiGroup: k8s.example.com, kind: StorageBucket, name: assets}\n") },
    { name: "rules without http (redirect-only)", yaml: "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: r, namespace: shop}\nspec:\n  rules:\n    - host: foo.example.com\n" },
    { name: "an ExternalName Service without ports", yaml: `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {type: ExternalName, externalName: web.example.com}\n---\n${ingressV1("              service: {name: web, port: {number: 8080}}\n")}` },
    { name: "odd shapes", yaml: `${service()}---\n${ingressV1("              service: {name: web, port: 80}\n")}---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: x, namespace: shop}\nspec:\n  defaultBackend: 3\n  rules: [null, {http: {paths: [null, {backend: []}]}}]\n` },
    { name: "a CRD kind named Ingress is ignored", yaml: "apiVersion: example.com/v1\nkind: Ingress\nmetadata: {name: x}\nspec:\n  defaultBackend: {service: {name: nope, port: {number: 1}}}\n" },
  ],
  invalid: [
    {
      name: "a Service that is not in the files (warning)",
      yaml: ingressV1("              service: {name: api, port: {number: 80}}\n"),
      errors: [{ line: 12, column: 31, severity: "warning", message: "Ingress shop/web routes to Service shop/api, which is not in the linted files" }],
    },
    {
      name: "the Service is in another namespace (cluster mode: error)",
      yaml: `${service("front")}---\n${ingressV1("              service:\n                name: web\n                port: {number: 80}\n")}`,
      target: { mode: "cluster" },
      errors: [{ line: 21, column: 23, severity: "error", message: "routes to Service shop/web, which does not exist (an Ingress reaches only Services in its own namespace)" }],
    },
    {
      name: "a port number the Service does not expose (the targetPort)",
      yaml: `${service()}---\n${ingressV1("              service:\n                name: web\n                port:\n                  number: 8080\n")}`,
      errors: [{ line: 23, column: 27, severity: "error", message: "Ingress shop/web routes to port 8080 of Service shop/web, which exposes only 80 (http), 443 (https)" }],
    },
    {
      name: "a port name the Service does not expose",
      yaml: `${service()}---\n${ingressV1("              service: {name: web, port: {name: grpc}}\n")}`,
      errors: [{ line: 20, column: 49, message: 'routes to port name "grpc" of Service shop/web' }],
    },
    {
      name: "v1beta1 forms: a wrong servicePort and a missing default backend Service",
      yaml: `${service()}---\napiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: old, namespace: shop}\nspec:\n  backend:\n    serviceName: default-http\n    servicePort: 80\n  rules:\n    - http:\n        paths:\n          - backend:\n              serviceName: web\n              servicePort: "8443"\n`,
      errors: [
        { line: 14, column: 18, severity: "warning", message: "Service shop/default-http, which is not in the linted files" },
        { line: 21, column: 28, severity: "error", message: "routes to port 8443 of Service shop/web" },
      ],
    },
  ],
});
