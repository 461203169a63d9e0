import { rule } from "../../../src/lint/rules/crd-schema.js";
import { testRule } from "../rule-tester.js";
import { WIDGET_CRD_HEAD } from "../../helpers/widget-crd.js";

/** A v1 CRD whose spec has the given properties (indented for `properties:` at 14 spaces). */
const crd = (properties: string) => `${WIDGET_CRD_HEAD}            type: object
            properties:
${properties}`;

testRule(rule, {
  valid: [
    {
      name: "a well-formed schema with constraints, int-or-string, preserve-unknown-fields and junctors",
      yaml: crd(`              size: {type: integer, format: int32, minimum: 1, maximum: 10, multipleOf: 1}
              name: {type: string, pattern: "^[a-z]([-a-z0-9]*[a-z0-9])?$", maxLength: 63}
              port: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}
              tags: {type: array, items: {type: string}, x-kubernetes-list-type: set, minItems: 0}
              extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
              labels: {type: object, additionalProperties: {type: string}}
              mode: {type: string, enum: [a, b], nullable: true}
`),
    },
    {
      name: "CEL rules that compile (Kubernetes libraries, optionals), and valid CEL kforge cannot run, which is not blamed on the CRD",
      yaml: crd(`              limits:
                type: array
                items: {type: string}
                x-kubernetes-validations:
                - rule: "self.all(l, isQuantity(l) && quantity(l).isLessThan(quantity('4Gi')))"
                  messageExpression: "'too large: ' + self.join(', ')"
                  reason: FieldValueForbidden
                - rule: "self.size() == 0 || !has(self[0].name)"
                - rule: "self.all(i, v, v != '')"
                - rule: "self.?first.orValue('') != 'x'"
`),
    },
    { name: "objects other than CRDs are ignored", yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {type: strign, pattern: '['}\n" },
  ],
  invalid: [
    {
      name: "type: strign, at the value, with a suggestion",
      yaml: crd("              size: {type: strign}\n"),
      errors: [{ line: 19, column: 28, message: "`type: strign` is not a type (did you mean `string`?); use one of array, boolean, integer, number, object, string; example.com/v1 Widget objects are not schema-checked until this is fixed" }],
    },
    {
      name: "a pattern that is no regular expression",
      yaml: crd(`              name:
                type: string
                pattern: "^[a-z+$"
`),
      errors: [{ line: 21, column: 26, message: /^`pattern` is not a valid regular expression: missing closing \]/ }],
    },
    {
      name: "minimum: \"a\", a negative maxLength, a list as items, a property whose schema is a list",
      yaml: crd(`              port: {type: integer, minimum: "a"}
              name: {type: string, maxLength: -1}
              tags: {type: array, items: [{type: string}]}
              other: [1]
`),
      errors: [
        { line: 19, column: 46, message: '`minimum` must be a number, not the string "a"' },
        { line: 20, column: 47, message: "`maxLength` must be a whole number, 0 or more, not number -1" },
        { line: 21, column: 42, message: "`items` must be one schema (a mapping)" },
        { line: 22, column: 22, message: "a schema must be a mapping, not a list" },
      ],
    },
    {
      name: "deep inside items, additionalProperties and anyOf",
      yaml: crd(`              a: {type: array, items: {type: object, properties: {b: {type: numbr}}}}
              c: {type: object, additionalProperties: {type: string, pattern: "("}}
              d: {anyOf: [{type: integer}, {type: intger}]}
`),
      errors: [
        { line: 19, column: 77, message: "did you mean `number`?" },
        { line: 20, column: 79, message: "`pattern` is not a valid regular expression" },
        { line: 21, column: 51, message: "did you mean `integer`?" },
      ],
    },
    {
      name: "a $ref, and patternProperties (keywords a CRD may not use)",
      yaml: crd(`              template: {$ref: "#/definitions/Template"}
              labels: {type: object, patternProperties: {"^a": {type: string}}}
`),
      errors: [
        { line: 19, column: 32, message: "`$ref` is not allowed in a CustomResourceDefinition schema" },
        { line: 20, column: 57, message: "`patternProperties` is not allowed" },
      ],
    },
    {
      name: "non-structural: a field without a type, properties with additionalProperties, a type inside anyOf, uniqueItems",
      yaml: crd(`              size: {minimum: 1}
              labels:
                type: object
                properties: {a: {type: string}}
                additionalProperties: {type: string}
              mode:
                type: string
                anyOf: [{type: string, enum: [a]}]
              tags: {type: array, items: {type: string}, uniqueItems: true}
`),
      errors: [
        { line: 19, column: 21, message: "every object field needs a `type`" },
        { line: 23, column: 39, message: "`properties` and `additionalProperties` must not be combined" },
        { line: 26, column: 32, message: "`type` is not allowed inside `anyOf`" },
        { line: 27, column: 71, message: "`uniqueItems: true` is not allowed in a CRD" },
      ],
    },
    {
      name: "list-map keys that are not required and have no default, a map list without keys",
      yaml: crd(`              ports:
                type: array
                x-kubernetes-list-type: map
                x-kubernetes-list-map-keys: [port]
                items: {type: object, properties: {port: {type: integer}}}
              other:
                type: array
                x-kubernetes-list-type: map
                items: {type: object}
`),
      errors: [
        { line: 22, column: 46, message: "the key field `port` must be required or have a default" },
        { line: 26, column: 41, message: "`x-kubernetes-list-type: map` needs `x-kubernetes-list-map-keys`" },
      ],
    },
    {
      name: "a CEL rule that does not compile, a messageExpression that does not compile, a bad reason",
      yaml: crd(`              size:
                type: integer
                x-kubernetes-validations:
                - rule: "self >"
                - rule: "self.frobnicate()"
                - rule: "self > 0"
                  messageExpression: "'size is ' +"
                  reason: Wrong
                  fieldPath: .nope
`),
      errors: [
        { line: 22, column: 25, message: "the CEL rule does not compile: Unexpected token: EOF (at character 7)" },
        { line: 23, column: 25, message: "the CEL rule does not compile: found no matching overload for 'dyn.frobnicate()'" },
        { line: 25, column: 38, message: "`messageExpression` does not compile" },
        { line: 26, column: 27, message: "`reason` must be one of FieldValueInvalid, FieldValueForbidden, FieldValueRequired, FieldValueDuplicate" },
        { line: 27, column: 30, message: "`fieldPath` .nope does not name a field of the schema the rule is on" },
      ],
    },
    {
      name: "a rule that selects a field its schema does not declare (the API server types self by the schema)",
      yaml: crd(`              minReplicas: {type: integer}
              maxReplicas: {type: integer}
              labels: {type: object, additionalProperties: {type: string}}
              raw: {type: object, x-kubernetes-preserve-unknown-fields: true}
            x-kubernetes-validations:
            - rule: "self.minReplica <= self.maxReplicas"
            - rule: "has(self.labels.anything) && has(self.raw.any.thing)"
        x-kubernetes-validations:
        - rule: "self.metadata.name.size() < 20 && self.metadata.labels.size() > 0"
`),
      errors: [
        { line: 24, column: 21, message: "the CEL rule does not compile: undefined field `minReplica` in `self.minReplica` (did you mean `minReplicas`?)" },
        { line: 27, column: 17, message: "the CEL rule does not compile: undefined field `labels` in `self.metadata.labels`; `self.metadata` has `name`, `generateName`" },
      ],
    },
    {
      name: "the root of a v1 schema must be an object; metadata may only restrict name and generateName",
      yaml: `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: array
        items: {type: string}
        properties:
          metadata: {type: object, properties: {labels: {type: object}}}
`,
      errors: [
        { line: 13, column: 15, message: "the root of the schema must be `type: object`" },
        { line: 16, column: 48, message: "the schema of `metadata` may only restrict `name` and `generateName`" },
      ],
    },
    {
      name: "a v1beta1 schema shared by two versions is reported once",
      yaml: `apiVersion: apiextensions.k8s.io/v1beta1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  versions: [{name: v1, served: true, storage: true}, {name: v2, served: true, storage: false}]
  validation:
    openAPIV3Schema:
      type: objekt
`,
      errors: [{ line: 10, column: 13, message: "`type: objekt` is not a type (did you mean `object`?)" }],
    },
  ],
});
