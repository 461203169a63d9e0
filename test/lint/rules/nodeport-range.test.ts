import { rule } from "../../../src/lint/rules/nodeport-range.js";
import { testRule } from "../rule-tester.js";

const service = (spec: string) => `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
${spec}`;

testRule(rule, {
  valid: [
    { name: "NodePort inside the default range", yaml: service("  type: NodePort\n  ports:\n    - port: 80\n      nodePort: 30080\n") },
    { name: "NodePort without nodePort (allocated)", yaml: service("  type: NodePort\n  ports:\n    - port: 80\n") },
    { name: "LoadBalancer at both ends of the range", yaml: service("  type: LoadBalancer\n  ports:\n    - {port: 80, nodePort: 30000}\n    - {port: 443, nodePort: 32767}\n") },
    { name: "ClusterIP with nodePort 0 (unset)", yaml: service("  ports:\n    - {port: 80, nodePort: 0}\n") },
    {
      name: "a custom node port range",
      yaml: service("  type: NodePort\n  ports:\n    - {port: 80, nodePort: 8080}\n"),
      target: { nodePortRange: { min: 8000, max: 9000 } },
    },
    { name: "a CRD kind named Service is not a core Service", yaml: "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports:\n    - {port: 80, nodePort: 80}\n" },
    { name: "odd shapes are skipped", yaml: service("  type: NodePort\n  ports:\n    - 80\n    - null\n    - {port: 80, nodePort: \"30080\"}\n") },
    { name: "ports that is not a list", yaml: service("  type: NodePort\n  ports: {port: 80}\n") },
  ],
  invalid: [
    {
      name: "below the range",
      yaml: service("  type: NodePort\n  ports:\n    - name: http\n      port: 80\n      nodePort: 8080\n"),
      errors: [{ line: 11, column: 17, message: 'Service shop/web port "http" (80) has nodePort 8080, outside the cluster\'s node port range 30000-32767', remediation: "Pick a nodePort from 30000 to 32767", notRemediation: "type NodePort" }],
    },
    {
      name: "above a custom range",
      yaml: service("  type: LoadBalancer\n  ports:\n    - {port: 443, nodePort: 31000}\n"),
      target: { nodePortRange: { min: 20000, max: 30999 } },
      errors: [{ line: 9, column: 29, message: "range 20000-30999", remediation: "from 20000 to 30999", notRemediation: "NodePort" }],
    },
    {
      name: "nodePort on a ClusterIP Service (the default type)",
      yaml: service("  ports:\n    - port: 80\n      nodePort: 30080\n"),
      errors: [{ line: 9, column: 17, message: "its type is ClusterIP (the default): only NodePort and LoadBalancer Services have node ports", remediation: "set `spec.type: NodePort`" }],
    },
    {
      name: "nodePort on an ExternalName and on a headless Service",
      yaml: `${service("  type: ExternalName\n  externalName: db.example.com\n  ports:\n    - {port: 5432, nodePort: 30432}\n")}---
apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  clusterIP: None
  type: NodePort
  ports:
    - {port: 5432, nodePort: 30433}
`,
      errors: [
        { line: 10, column: 30, message: "its type is ExternalName" },
        { line: 19, column: 30, message: "Service default/db port 5432 sets nodePort 30433, but the Service is headless (clusterIP: None)", remediation: "Remove `clusterIP: None` (a NodePort Service needs a cluster IP)" },
      ],
    },
  ],
});
