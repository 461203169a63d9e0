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
  }
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
