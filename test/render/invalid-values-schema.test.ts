import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { clusterYaml, MINI_BLUEPRINT } from "../helpers/mini-blueprint.js";
import { makeRepo, runCli, snapshot } from "../helpers/temp-repo.js";

const SCHEMA = "blueprints/mini/values.schema.json";

/** A values schema with the image property's schema replaced; line 4 is that property. */
const schemaWith = (image: string) => `{
  "type": "object",
  "properties": {
    "image": ${image}
  },
  "additionalProperties": false
}
`;

function repo(schema: string): string {
  return makeRepo({
    ...MINI_BLUEPRINT,
    [SCHEMA]: schema,
    "clusters/dev/cluster.yaml": clusterYaml("dev", `    - name: web
      blueprint: mini
      namespace: apps
      values: {image: "nginx:1.25"}
`),
  });
}

describe("an invalid values schema of a blueprint is an input error at its line", () => {
  it.each([
    ["type: strign", '{"type": "strign"}', 23, "`type: strign` is not a type (did you mean `string`?)"],
    ["a pattern that is no regular expression", '{"type": "string", "pattern": "[a-"}', 44, "`pattern` is not a valid regular expression: missing closing ]: `[a-`"],
    ["a look-ahead, which RE2 (linear time) refuses", '{"type": "string", "pattern": "(?=a)b"}', 44, "`pattern` is not a valid regular expression: invalid or unsupported Perl syntax: `(?=` (patterns use RE2 syntax"],
    ['minimum: "a"', '{"type": "integer", "minimum": "a"}', 45, '`properties.image.minimum` must be number (got "a")'],
    ["a $ref to nothing", '{"$ref": "#/definitions/nope"}', 23, "`$ref: #/definitions/nope` points at nothing in this schema"],
  ])("%s", async (_label, image, column, message) => {
    const root = repo(schemaWith(image));
    const before = snapshot(root);
    for (const command of [["render"], ["check"]]) {
      const result = await runCli(command, root);
      expect(result.code, command[0]).toBe(1);
      expect(result.stdout + result.stderr).toContain(`${SCHEMA}:4:${column}`);
      expect(result.stdout + result.stderr).toContain(`invalid values schema: ${message}`);
      expect(result.stdout + result.stderr).not.toMatch(/internal error|\n\s+at /);
    }
    expect(snapshot(root)).toEqual(before);
  });
});

describe("a values schema that leaves an object open is an input error at its properties", () => {
  const closed = { type: "object", additionalProperties: false };
  it.each([
    ["the root", { type: "object", properties: { image: { type: "string" } } }, "the root object lists its properties", 1],
    ["a nested object", { ...closed, properties: { image: { type: "string" }, resources: { type: "object", properties: { cpu: { type: "string" } } } } }, "the object at `properties.resources` lists its properties", 2],
    ["an array's items", { ...closed, properties: { image: { type: "string" }, ports: { type: "array", items: { type: "object", properties: { port: { type: "integer" } } } } } }, "the object at `properties.ports.items` lists its properties", 2],
  ])("%s", async (_label, schema, message, nth) => {
    const text = `${JSON.stringify(schema, null, 2)}\n`;
    const root = repo(text);
    const result = await runCli(["render"], root);
    expect(result.code).toBe(1);
    // The caret sits on the nth "properties" key of the file: the open object's own.
    const lines = text.split("\n");
    const line = lines.map((l, i) => (l.includes('"properties"') ? i + 1 : 0)).filter(Boolean)[nth - 1];
    const column = lines[line - 1].indexOf('"properties"') + 1;
    expect(result.stderr).toContain(`${SCHEMA}:${line}:${column}: error: invalid values schema: ${message}`);
    expect(result.stderr).toContain("[blueprint-schema]");
    expect(result.stderr).toContain('add "additionalProperties": false');
  });

  it("leaves conditions (if/then, allOf, anyOf) and free-form maps alone", async () => {
    const schema = {
      ...closed,
      properties: { image: { type: "string" }, replicas: { type: "integer", default: 1 }, mode: { enum: ["a", "b"] }, labels: { type: "object", additionalProperties: { type: "string" } } },
      allOf: [{ if: { required: ["mode"], properties: { mode: { const: "a" } } }, then: { required: ["labels"], properties: { labels: { minProperties: 1 } } } }],
      anyOf: [{ properties: { mode: { const: "a" } } }, { properties: { mode: { const: "b" } } }, { not: { required: ["mode"] } }],
    };
    const root = repo(`${JSON.stringify(schema, null, 2)}\n`);
    const result = await runCli(["render"], root);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });
});
