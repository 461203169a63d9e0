import { describe, expect, it } from "vitest";
import { createSchemaValidator } from "../../src/validate/validate-schema.js";
import { deployment, lines, problemsOf, resourcesOf } from "./validate-helpers.js";

describe.each(["1.18", "1.30"])("built-in kinds at Kubernetes %s", (version) => {
  it("accepts a valid Deployment, with null optional fields as the API server does", () => {
    expect(problemsOf(deployment(), version)).toEqual([]);
  });

  it("reports each unknown field at its own path, with a suggestion", () => {
    const yaml = deployment(`
        imagePullPolicyy: Always
      - name: side
        image: busybox
        ports:
        - containnerPort: 9090`);
    const problems = problemsOf(yaml, version);
    expect(lines(problems)).toEqual([
      "error spec.template.spec.containers.0.imagePullPolicyy: unknown field `imagePullPolicyy` (did you mean `imagePullPolicy`?)",
      "error spec.template.spec.containers.1.ports.0.containerPort: missing required field `containerPort`",
      "error spec.template.spec.containers.1.ports.0.containnerPort: unknown field `containnerPort` (did you mean `containerPort`?)",
    ]);
    const typo = problems.find((p) => p.path.at(-1) === "containnerPort")!;
    expect(resourcesOf(yaml)[0].locate(typo.path)).toMatchObject({ line: 27, column: 27 });
  });

  it("wants integers to be integers, in range", () => {
    expect(lines(problemsOf(deployment("", `\n  revisionHistoryLimit: "3"`).replace("replicas: 2", "replicas: 2147483648"), version))).toEqual([
      "error spec.replicas: 2147483648 is out of int32 range",
      'error spec.revisionHistoryLimit: expected an integer (int32), got the string "3"',
    ]);
    expect(lines(problemsOf(deployment().replace("replicas: 2", 'replicas: "3"'), version))).toEqual([
      'error spec.replicas: expected an integer (int32), got the string "3"',
    ]);
  });

  it("takes int64 fields beyond int32", () => {
    const yaml = deployment(`
        securityContext: {runAsUser: 2147483648}`).replace("creationTimestamp: null", "generation: 4294967296");
    expect(problemsOf(yaml, version)).toEqual([]);
  });

  it("takes IntOrString as a number or a string, and nothing else", () => {
    const probe = (port: string) => problemsOf(deployment(`
        livenessProbe:
          httpGet: {path: /healthz, port: ${port}}`), version);
    expect(probe("8080")).toEqual([]);
    expect(probe("http")).toEqual([]);
    expect(lines(probe("true"))).toEqual(["error spec.template.spec.containers.0.livenessProbe.httpGet.port: expected integer or string (IntOrString), got a boolean"]);
  });

  it("takes quantities as numbers or quantity strings", () => {
    const limits = (cpu: string) => problemsOf(deployment(`
        resources:
          limits: {cpu: ${cpu}, memory: 512Mi}`).replace("        resources: null\n", ""), version);
    expect(limits("1")).toEqual([]);
    expect(limits("0.5")).toEqual([]);
    expect(limits('"500m"')).toEqual([]);
    expect(lines(limits('"half a core"'))).toEqual(["error spec.template.spec.containers.0.resources.limits.cpu: `half a core` is not a valid quantity (like 500m, 1Gi or 2)"]);
  });

  it("reports missing required fields at the field's path, and a null required field as missing", () => {
    // The OpenAPI schema leaves a container's image optional; the api-validation rule requires it in pods.
    const yaml = deployment().replace("        image: nginx:1.27\n", "").replace("- name: web", "- name: null");
    expect(lines(problemsOf(yaml, version))).toEqual([
      "error spec.template.spec.containers.0.name: missing required field `name`",
    ]);
  });

  it("names the expected value set and type", () => {
    const yaml = deployment(`
          protocol: TPC`).replace("replicas: 2", "replicas: 2\n  paused: yes please");
    expect(lines(problemsOf(yaml, version))).toContain('error spec.paused: expected a boolean, got the string "yes please"');
  });
});

describe("one validator for many resources", () => {
  it("validates each resource against its own kind and keeps working after errors", () => {
    const validator = createSchemaValidator({ kubernetesVersion: "1.30" });
    const [service, bad, configMap] = resourcesOf(`apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: http}]
---
apiVersion: v1
kind: Service
metadata: {name: broken}
spec:
  ports: [{port: 80, targetPort: true, nodePortt: 30000}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {LOG_LEVEL: debug}
`);
    expect(validator.validate(service)).toEqual([]);
    expect(lines(validator.validate(bad))).toEqual([
      "error spec.ports.0.nodePortt: unknown field `nodePortt` (did you mean `nodePort`?)",
      "error spec.ports.0.targetPort: expected integer or string (IntOrString), got a boolean",
    ]);
    expect(validator.validate(configMap)).toEqual([]);
    expect(validator.knows("v1", "Service")).toBe(true);
  });
});
