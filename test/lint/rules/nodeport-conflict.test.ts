import { rule } from "../../../src/lint/rules/nodeport-conflict.js";
import { testRule } from "../rule-tester.js";

const nodePortService = (name: string, ns: string, ports: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  type: NodePort
  ports:
${ports}`;

testRule(rule, {
  valid: [
    {
      name: "different node ports",
      yaml: `${nodePortService("a", "shop", "    - {port: 80, nodePort: 30080}\n")}---\n${nodePortService("b", "shop", "    - {port: 80, nodePort: 30081}\n")}`,
    },
    {
      name: "one Service using a node port for TCP and UDP",
      yaml: nodePortService("dns", "infra", "    - {name: dns-tcp, port: 53, protocol: TCP, nodePort: 30053}\n    - {name: dns-udp, port: 53, protocol: UDP, nodePort: 30053}\n"),
    },
    {
      name: "the same Service defined in two files is one object",
      yaml: {
        "base.yaml": nodePortService("a", "shop", "    - {port: 80, nodePort: 30080}\n"),
        "variant.yaml": nodePortService("a", "shop", "    - {port: 8080, nodePort: 30080}\n"),
      },
    },
    {
      name: "ClusterIP Services and allocated node ports are not judged",
      yaml: `${nodePortService("a", "shop", "    - {port: 80}\n")}---
apiVersion: v1
kind: Service
metadata: {name: b, namespace: shop}
spec:
  ports:
    - {port: 80}
`,
    },
    {
      name: "a CRD kind named Service is ignored",
      yaml: `${nodePortService("a", "shop", "    - {port: 80, nodePort: 30080}\n")}---
apiVersion: example.com/v1
kind: Service
metadata: {name: b, namespace: shop}
spec:
  type: NodePort
  ports:
    - {port: 80, nodePort: 30080}
`,
    },
  ],
  invalid: [
    {
      name: "two Services in different namespaces and files",
      yaml: {
        "shop.yaml": nodePortService("web", "shop", "    - name: http\n      port: 80\n      nodePort: 30080\n"),
        "blog.yaml": nodePortService("web", "blog", "    - {port: 8080, nodePort: 30080}\n"),
      },
      errors: [{
        file: "blog.yaml", line: 9, column: 30,
        message: "Service blog/web port 8080 asks for nodePort 30080, already used by Service shop/web (shop.yaml:11); node ports are cluster-wide",
      }],
    },
    {
      name: "every later occurrence names the first",
      yaml: `${nodePortService("a", "shop", "    - {port: 80, nodePort: 30080}\n")}---
${nodePortService("b", "shop", "    - {port: 80, nodePort: 30080}\n")}---
apiVersion: v1
kind: Service
metadata: {name: c, namespace: shop}
spec:
  type: LoadBalancer
  ports:
    - {port: 443, nodePort: 30080}
`,
      errors: [
        { line: 19, column: 28, message: "Service shop/b port 80 asks for nodePort 30080, already used by Service shop/a (case.yaml:9)" },
        { line: 27, column: 29, message: "Service shop/c port 443 asks for nodePort 30080, already used by Service shop/a (case.yaml:9)" },
      ],
    },
    {
      name: "one Service repeating a node port for the same protocol",
      yaml: nodePortService("a", "shop", "    - {name: http, port: 80, nodePort: 30080}\n    - {name: alt, port: 8080, nodePort: 30080}\n"),
      errors: [{ line: 10, column: 41, message: 'port "alt" (8080) repeats nodePort 30080/TCP of its port "http" (80) (case.yaml:9)' }],
    },
  ],
});
