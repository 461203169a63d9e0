import { describe, expect, it } from "vitest";
import { makeRepo, runCli } from "../../helpers/temp-repo.js";
import { rule } from "../../../src/lint/rules/crd-validation.js";
import { testRule } from "../rule-tester.js";
import { WIDGET_CRD_HEAD } from "../../helpers/widget-crd.js";

/**
 * A v1 CRD for Widget whose spec schema is `spec` (indented for 12 spaces, under
 * `properties: spec:`), followed by the given objects. Lines: the CRD takes 16 + the lines of `spec`.
 */
const crd = (spec: string) => `${WIDGET_CRD_HEAD}${spec}---
`;

const replicas = crd(`            type: object
            x-kubernetes-validations:
            - rule: "self.minReplicas <= self.maxReplicas"
              messageExpression: "'minReplicas (' + string(self.minReplicas) + ') must not exceed maxReplicas (' + string(self.maxReplicas) + ')'"
              fieldPath: ".minReplicas"
            - rule: "!has(self.mode) || self.mode != 'legacy'"
              message: "legacy mode is no longer supported"
              reason: FieldValueForbidden
            properties:
              minReplicas: {type: integer, default: 1}
              maxReplicas: {type: integer}
              mode: {type: string}
              name:
                type: string
                x-kubernetes-validations:
                - rule: "self.matches('^[a-z][a-z0-9-]*$')"
`); // 17 lines of spec: objects start at line 35

const widget = (body: string) => `apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
spec:
${body}`;

const lists = crd(`            type: object
            properties:
              ports:
                type: array
                x-kubernetes-list-type: map
                x-kubernetes-list-map-keys: [port, protocol]
                items:
                  type: object
                  required: [port]
                  properties:
                    port: {type: integer}
                    protocol: {type: string, default: TCP}
              tags:
                type: array
                x-kubernetes-list-type: set
                items: {type: string}
              id: {type: string, format: uuid}
`); // 17 lines: objects start at line 35

testRule(rule, {
  valid: [
    { name: "rules that hold, with the default of minReplicas applied", yaml: replicas + widget("  maxReplicas: 3\n  name: web-1\n") },
    { name: "distinct list-map keys and set items, a valid uuid", yaml: lists + widget("  ports: [{port: 80}, {port: 80, protocol: UDP}]\n  tags: [a, b]\n  id: 0b8d3c9e-2f44-4d0e-9a51-7c3f1e2a4b6d\n") },
    {
      name: "a transition rule (oldSelf) is not evaluated: lint has no old object",
      yaml: crd(`            type: object
            x-kubernetes-validations:
            - rule: "self.size == oldSelf.size"
            properties:
              size: {type: integer}
`) + widget("  size: 3\n"),
    },
    {
      name: "a root rule sees metadata.name; an int-or-string field is an int or a string to CEL",
      yaml: `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: gadgets.example.com}
spec:
  group: example.com
  names: {kind: Gadget, plural: gadgets}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-validations:
        - rule: "self.metadata.name.startsWith('g-') && self.kind == 'Gadget'"
        properties:
          spec:
            type: object
            properties:
              port:
                x-kubernetes-int-or-string: true
                x-kubernetes-validations:
                - rule: "type(self) == int ? self > 0 : self.matches('^[a-z]+$')"
---
apiVersion: example.com/v1
kind: Gadget
metadata: {name: g-1, labels: {a: b}}
spec: {port: 8080}
---
apiVersion: example.com/v1
kind: Gadget
metadata: {name: g-2}
spec: {port: http}
`,
    },
    {
      name: "a field named like a CEL keyword is self.__namespace__ to its parent's rules, and self to its own",
      yaml: crd(`            type: object
            x-kubernetes-validations:
            - rule: "self.__namespace__ != 'kube-system'"
            properties:
              namespace:
                type: string
                x-kubernetes-validations:
                - rule: "self.size() < 10"
`) + widget("  namespace: apps\n"),
    },
    { name: "objects of other kinds are left alone", yaml: replicas + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {minReplicas: '9'}\n" },
  ],
  invalid: [
    {
      name: "a failing rule with messageExpression, reported at its fieldPath",
      yaml: replicas + widget("  minReplicas: 5\n  maxReplicas: 3\n"),
      errors: [{ line: 38, column: 16, message: 'spec.minReplicas: Invalid value: "object": minReplicas (5) must not exceed maxReplicas (3)' }],
    },
    {
      name: "a defaulted field takes part: minReplicas defaults to 1, above maxReplicas 0",
      yaml: replicas + widget("  maxReplicas: 0\n"),
      errors: [{ line: 37, column: 1, message: "minReplicas (1) must not exceed maxReplicas (0)" }],
    },
    {
      name: "a failing rule with message and reason FieldValueForbidden, and a rule without message on a nested field",
      yaml: replicas + widget("  maxReplicas: 3\n  mode: legacy\n  name: Web_1\n"),
      errors: [
        { line: 37, column: 1, message: "spec: Forbidden: legacy mode is no longer supported" },
        { line: 40, column: 9, message: `spec.name: Invalid value: "string": failed rule: self.matches('^[a-z][a-z0-9-]*$')` },
      ],
    },
    {
      name: "an escaped field name in a failing rule",
      yaml: crd(`            type: object
            x-kubernetes-validations:
            - rule: "self.__namespace__ != 'kube-system'"
              message: "not in kube-system"
            properties:
              namespace:
                type: string
                x-kubernetes-validations:
                - rule: "self.size() < 5"
                  message: "too long"
`) + widget("  namespace: kube-system\n"),
      errors: [
        { line: 31, column: 1, message: 'spec: Invalid value: "object": not in kube-system' },
        { line: 32, column: 14, message: 'spec.namespace: Invalid value: "string": too long' },
      ],
    },
    {
      name: "a rule on a field that is absent is an evaluation error, as on the API server",
      yaml: crd(`            type: object
            x-kubernetes-validations:
            - rule: "self.size > 0"
            properties:
              size: {type: integer}
`) + widget("  other: 1\n"),
      errors: [{ line: 26, column: 1, message: 'spec: Invalid value: "object": No such key: size evaluating rule: self.size > 0' }],
    },
    {
      name: "a rule that exceeds its cost budget is a warning, not a hang",
      yaml: crd(`            type: object
            x-kubernetes-validations:
            - rule: "self.items.all(a, self.items.all(b, self.items.all(c, a + b + c >= 0)))"
            properties:
              items: {type: array, items: {type: integer}}
`) + widget(`  items: [${Array.from({ length: 150 }, (_, i) => i).join(", ")}]\n`),
      errors: [{ line: 26, column: 1, severity: "warning", message: "exceeded its cost budget of 1000000 steps and was stopped" }],
    },
    {
      name: "list-map duplicates after defaulting protocol, set duplicates, a bad uuid",
      yaml: lists + widget("  ports: [{port: 80}, {port: 80, protocol: TCP}]\n  tags: [a, b, a]\n  id: not-a-uuid\n"),
      errors: [
        { line: 39, column: 23, message: 'spec.ports[1]: Duplicate value: {"port":80,"protocol":"TCP"}' },
        { line: 40, column: 16, message: 'spec.tags[2]: Duplicate value: "a"' },
        { line: 41, column: 7, message: 'spec.id: Invalid value: "not-a-uuid": spec.id in body must be of type uuid: "not-a-uuid"' },
      ],
    },
  ],
});

describe("kforge lint with a CRD and its custom resources", () => {
  it("reports a failing CEL rule at the field, with exit 1, and a passing object stays clean", async () => {
    const root = makeRepo({ "crd.yaml": replicas.replace(/---\n$/, ""), "bad.yaml": widget("  minReplicas: 5\n  maxReplicas: 3\n"), "good.yaml": widget("  minReplicas: 2\n  maxReplicas: 3\n").replace("name: w", "name: g") });
    const result = await runCli(["lint", "crd.yaml", "bad.yaml", "good.yaml"], root);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/bad\.yaml:5:16 +error +spec\.minReplicas: Invalid value: "object": minReplicas \(5\) must not exceed maxReplicas \(3\)/);
    expect(result.stdout).not.toMatch(/good\.yaml/);
  });
});
