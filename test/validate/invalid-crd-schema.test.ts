import { describe, expect, it } from "vitest";
import { makeRepo, runCli } from "../helpers/temp-repo.js";
import { problemsOf } from "./validate-helpers.js";

const crd = (spec: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec: ${spec}
`;

const WIDGET = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 3, sise: 4}\n";

describe("a CustomResourceDefinition with an invalid schema", () => {
  it.each([
    ["type: strign", "{type: object, properties: {size: {type: strign}}}"],
    ["a pattern that is no regular expression", '{type: object, properties: {size: {type: string, pattern: "^[a-z+$"}}}'],
    ['minimum: "a"', '{type: object, properties: {size: {type: integer, minimum: "a"}}}'],
    ["an empty enum", "{type: object, properties: {size: {type: integer, enum: []}}}"],
    ["a $ref", '{type: object, properties: {size: {$ref: "#/definitions/Size"}}}'],
    ["a field without a type (not structural)", "{type: object, properties: {size: {minimum: 1}}}"],
    ["a CEL rule that does not compile", '{type: object, x-kubernetes-validations: [{rule: "self.size >"}], properties: {size: {type: integer}}}'],
  ])("%s: its objects are not schema-checked, and say so; nothing throws", (_label, spec) => {
    expect(problemsOf(WIDGET, "1.30", crd(spec))).toEqual([
      { path: ["kind"], severity: "warning", code: "crd-schema-unusable", message: "example.com/v1 Widget was not schema-checked: its CustomResourceDefinition's schema is invalid (see the crd-schema finding)" },
    ]);
  });

  it("lint reports the keyword at its line in the CRD file and each object as unchecked, with exit 1 and no stack trace", async () => {
    const root = makeRepo({ "crd.yaml": crd("{type: object, properties: {size: {type: strign}}}"), "widget.yaml": WIDGET });
    const result = await runCli(["lint", "crd.yaml", "widget.yaml"], root);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/crd\.yaml:16:58 +error +`type: strign` is not a type \(did you mean `string`\?\).*objects are not schema-checked until this is fixed/);
    expect(result.stdout).toMatch(/widget\.yaml:2:7 +warning +example\.com\/v1 Widget was not schema-checked/);
    expect(result.stdout + result.stderr).not.toMatch(/internal error|\n\s+at /);
  });
});
