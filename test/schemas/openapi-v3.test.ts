import { describe, expect, it } from "vitest";
import { definitionsFromV3 } from "../../src/schemas/openapi-v3.js";
import { firstSyntaxError, parseJson } from "../../src/schemas/parse-json.js";

describe("definitionsFromV3", () => {
  it("rewrites references, unwraps single-reference allOf, drops default and description, keeps properties of those names", () => {
    const document = {
      components: {
        schemas: {
          "io.k8s.api.x.v1.Thing": {
            type: "object",
            description: "a thing",
            properties: {
              description: { type: "string", description: "a field named description" },
              default: { type: "boolean", default: false },
              meta: { allOf: [{ $ref: "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" }], default: {}, description: "metadata" },
              items: { type: "array", items: { allOf: [{ $ref: "#/components/schemas/io.k8s.api.x.v1.Part" }] } },
              mode: { type: "string", enum: ["a", "b"] },
            },
            "x-kubernetes-group-version-kind": [{ group: "x", version: "v1", kind: "Thing" }],
          },
        },
      },
    };
    expect(definitionsFromV3([document])).toEqual({
      "io.k8s.api.x.v1.Thing": {
        type: "object",
        properties: {
          description: { type: "string" },
          default: { type: "boolean" },
          meta: { $ref: "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" },
          items: { type: "array", items: { $ref: "#/definitions/io.k8s.api.x.v1.Part" } },
          mode: { type: "string", enum: ["a", "b"] },
        },
        "x-kubernetes-group-version-kind": [{ group: "x", version: "v1", kind: "Thing" }],
      },
    });
  });

  it("merges documents, keeping the first copy of a shared definition", () => {
    const a = { components: { schemas: { Shared: { type: "string" }, A: { type: "integer" } } } };
    const b = { components: { schemas: { Shared: { type: "boolean" }, B: { type: "number" } } } };
    expect(definitionsFromV3([a, b, { openapi: "3.0.0" }])).toEqual({ Shared: { type: "string" }, A: { type: "integer" }, B: { type: "number" } });
  });

  it("leaves an allOf of several schemas as it is", () => {
    const document = { components: { schemas: { T: { allOf: [{ $ref: "#/components/schemas/A" }, { $ref: "#/components/schemas/B" }] } } } };
    expect(definitionsFromV3([document])).toEqual({ T: { allOf: [{ $ref: "#/definitions/A" }, { $ref: "#/definitions/B" }] } });
  });
});

describe("parseJson", () => {
  it("says where JSON goes wrong", () => {
    expect(() => parseJson('{"a": 1,\n "b": }', "f.json")).toThrow('f.json:2:7: not JSON: unexpected "}" where a value belongs');
    expect(() => parseJson('{"a": [1, 2', "f.json")).toThrow('f.json:1:12: not JSON: the text ends too early where "," or "]" belongs');
    expect(() => parseJson("{} {}", "f.json")).toThrow('f.json:1:4: not JSON: unexpected "{" after the end of the document');
    expect(() => parseJson("  \n", "f.json")).toThrow("f.json: not JSON: it is empty");
    expect(parseJson('{"a": [1, -2.5e3, true, null, "x\\"y"]}', "f.json")).toEqual({ a: [1, -2500, true, null, 'x"y'] });
  });

  it("finds the place of an unterminated string and of a control character", () => {
    expect(firstSyntaxError('{"a": "b')).toEqual({ offset: 8, message: "a string is not closed" });
    expect(firstSyntaxError('{"a": "b\nc"}').message).toBe("a control character inside a string");
  });
});
