import { rule } from "../../../src/lint/rules/statefulset-service-name.js";
import { testRule } from "../rule-tester.js";

const statefulSet = (serviceName: string, ns = "data") => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: kafka
  namespace: ${ns}
spec:
${serviceName}  selector: {matchLabels: {app: kafka}}
  template:
    metadata: {labels: {app: kafka, tier: queue}}
    spec:
      containers: [{name: kafka, image: kafka:3}]
`;

const service = (spec: string, ns = "data", name = "kafka-headless") => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
${spec}`;

const headless = service("  clusterIP: None\n  selector: {app: kafka}\n  ports: [{port: 9092}]\n");

testRule(rule, {
  valid: [
    { name: "a headless Service selecting the pods", yaml: `${statefulSet("  serviceName: kafka-headless\n")}---\n${headless}` },
    { name: "the Service in another file", yaml: { "sts.yaml": statefulSet("  serviceName: kafka-headless\n"), "svc.yaml": headless } },
    {
      name: "one good definition among variants",
      yaml: { "sts.yaml": statefulSet("  serviceName: kafka-headless\n"), "old.yaml": service("  selector: {app: kafka}\n"), "new.yaml": headless },
    },
    { name: "a CRD kind named StatefulSet is not judged", yaml: "apiVersion: apps.kruise.io/v1beta1\nkind: StatefulSet\nmetadata: {name: x}\nspec: {}\n" },
  ],
  invalid: [
    {
      name: "no serviceName",
      yaml: statefulSet(""),
      errors: [{ line: 6, column: 1, message: "StatefulSet data/kafka has no spec.serviceName: its pods get no stable DNS names" }],
    },
    {
      name: "a Service not in the linted files (files mode: warning)",
      yaml: statefulSet("  serviceName: kafka-headless\n"),
      errors: [{ line: 7, column: 16, severity: "warning", message: "names Service data/kafka-headless, which is not in the linted files" }],
    },
    {
      name: "a missing Service in cluster mode, and one in another namespace",
      yaml: `${statefulSet("  serviceName: kafka-headless\n")}---\n${service("  clusterIP: None\n  selector: {app: kafka}\n", "other")}`,
      target: { mode: "cluster" },
      errors: [{ line: 7, column: 16, severity: "error", message: "names Service data/kafka-headless, which does not exist" }],
    },
    {
      name: "a Service that is not headless",
      yaml: `${statefulSet("  serviceName: kafka\n")}---\n${service("  selector: {app: kafka}\n  ports: [{port: 9092}]\n", "data", "kafka")}`,
      errors: [{ line: 7, column: 16, severity: "error", message: "names Service data/kafka, which is not headless (spec.clusterIP is not None)" }],
    },
    {
      name: "a headless Service selecting other labels",
      yaml: `${statefulSet("  serviceName: kafka-headless\n")}---\n${service("  clusterIP: None\n  selector: {app: zookeeper}\n")}`,
      errors: [{ line: 7, column: 16, message: "names Service data/kafka-headless, whose selector app=zookeeper does not match the pod template labels (app=kafka,tier=queue)" }],
    },
    {
      name: "a headless Service without a selector, and an ExternalName one",
      yaml: `${statefulSet("  serviceName: kafka-headless\n")}---\n${service("  clusterIP: None\n")}---\n${statefulSet("  serviceName: ext\n", "ext")}---\n${service("  type: ExternalName\n  externalName: kafka.example.com\n", "ext", "ext")}`,
      errors: [
        { line: 7, column: 16, message: "has no selector, so it has no endpoints" },
        { line: 28, column: 16, message: "names Service ext/ext, which is an ExternalName Service, not a headless one" },
      ],
    },
  ],
});
