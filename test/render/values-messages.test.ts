import { describe, expect, it } from "vitest";
import { clusterYaml, MINI_BLUEPRINT } from "../helpers/mini-blueprint.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { makeRepo, runCli, writeFiles } from "../helpers/temp-repo.js";

/** The mini blueprint with the schema of its `image` value (and extra root keywords) replaced. */
function repo(image: object, values: string, root: object = {}): string {
  const schema = JSON.parse(MINI_BLUEPRINT["blueprints/mini/values.schema.json"]);
  schema.properties.image = image;
  return makeRepo({
    ...MINI_BLUEPRINT,
    "blueprints/mini/values.schema.json": JSON.stringify({ ...schema, ...root }, null, 2),
    "clusters/dev/cluster.yaml": clusterYaml("dev", `    - name: web\n      blueprint: mini\n      namespace: apps\n      values:\n${values}`),
  });
}

/** The error lines of a render that fails. */
async function errors(root: string): Promise<string> {
  const result = await runCli(["render"], root);
  expect(result.code).toBe(1);
  return result.stderr;
}

describe("values-schema errors in the schema's own words", () => {
  it("use an errorMessage (ajv-errors) as the message, at the value", async () => {
    const root = repo({ type: "string", pattern: "^[a-z./-]+:[0-9.]+$", errorMessage: { pattern: "give the image as repository:version, e.g. nginx:1.27" } }, "        image: nginx\n");
    const stderr = await errors(root);
    expect(stderr).toContain('clusters/dev/cluster.yaml:12:16: error: values of release "web" do not match blueprint mini (blueprints/mini/values.schema.json): `image`: give the image as repository:version, e.g. nginx:1.27 [values-schema]');
    expect(stderr).not.toContain("^[a-z");
    expect(stderr).not.toContain("must match pattern");
  });

  it("use the description when a pattern fails, never the regular expression", async () => {
    const root = repo({ type: "string", pattern: "^[a-z./-]+:[0-9.]+$", description: "container image as repository:version" }, "        image: nginx\n");
    const stderr = await errors(root);
    expect(stderr).toContain('`image`: got "nginx", expected: container image as repository:version [values-schema]');
    expect(stderr).not.toContain("^[a-z");
  });

  it("say what kind of check failed when the schema has no words for it", async () => {
    const root = repo({ type: "string", not: { const: "nginx:latest" } }, "        image: nginx:latest\n");
    const stderr = await errors(root);
    expect(stderr).toContain('`image`: got "nginx:latest", which the blueprint does not allow here');
    expect(stderr).not.toContain("must NOT be valid");
    expect(stderr).toContain("a `description` or `errorMessage` there would say what it expects");
  });

  it("give a missing value's description as the hint", async () => {
    const root = repo({ type: "string", description: "container image to run" }, "        replicas: 2\n");
    const stderr = await errors(root);
    expect(stderr).toContain("missing required field `image`");
    expect(stderr).toContain("hint: image: container image to run");
  });

  it("put the caret of an unknown field on its key, also under an errorMessage for unknown fields", async () => {
    const root = repo({ type: "string" }, "        image: nginx:1.27\n        replics: 2\n", { errorMessage: { additionalProperties: "this blueprint takes image, replicas, data and name" } });
    const stderr = await errors(root);
    expect(stderr).toContain("clusters/dev/cluster.yaml:13:9: error:");
    expect(stderr).toContain("this blueprint takes image, replicas, data and name [values-schema]");
    // Two unknown keys, one in the values file and one inline: each at its own key.
    const both = repo({ type: "string" }, "        replics: 2\n", { errorMessage: { additionalProperties: "this blueprint takes image, replicas, data and name" } });
    writeFiles(both, { "clusters/dev/values/web.yaml": "image: nginx:1.27\nnmae: web\n" });
    const cluster = readFileSync(join(both, "clusters/dev/cluster.yaml"), "utf8").replace("      values:\n", "      valuesFile: values/web.yaml\n      values:\n");
    writeFiles(both, { "clusters/dev/cluster.yaml": cluster });
    const split = await errors(both);
    expect(split).toContain("clusters/dev/values/web.yaml:2:1: error:");
    expect(split).toContain("clusters/dev/cluster.yaml:13:9: error:");
    const plain = await errors(repo({ type: "string" }, "        image: nginx:1.27\n        replics: 2\n"));
    expect(plain).toContain("clusters/dev/cluster.yaml:13:9: error:");
    expect(plain).toContain("unknown field `replics` (did you mean `replicas`?)");
  });
});
