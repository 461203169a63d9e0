import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeRepo, runCli, snapshot } from "../helpers/temp-repo.js";
import { clusterYaml, MINI_BLUEPRINT } from "../helpers/mini-blueprint.js";
import { MAX_VALUES_FILE_BYTES } from "../../src/yaml/input-limits.js";

const withValuesFile = (values: string | Buffer, extra: Record<string, string> = {}) => {
  const root = makeRepo({
    ...MINI_BLUEPRINT,
    ...extra,
    "clusters/dev/values/web.yaml": "",
    "clusters/dev/cluster.yaml": clusterYaml("dev", `    - name: web
      blueprint: mini
      namespace: apps
      valuesFile: values/web.yaml
`),
  });
  writeFileSync(join(root, "clusters/dev/values/web.yaml"), values);
  return root;
};

describe("bad encodings in values, cluster files and templates", () => {
  it("invalid UTF-8 in a values file is an error at its line and column, and nothing is written", async () => {
    const root = withValuesFile(Buffer.concat([Buffer.from("image: nginx:1.25\ndata:\n  motd: caf"), Buffer.from([0xe9]), Buffer.from("\n")]));
    const before = snapshot(root);
    const result = await runCli(["render"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("clusters/dev/values/web.yaml:3:12: error: invalid UTF-8");
    expect(result.stderr).toContain("[invalid-encoding]");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(root)).toEqual(before);
  });

  it("a NUL byte is an error at its position", async () => {
    const root = withValuesFile("image: nginx:1.25\ndata:\n  key: a\u0000b\n");
    const result = await runCli(["render"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("clusters/dev/values/web.yaml:3:9: error: NUL character (U+0000)");
  });

  it("a raw control character in a template is an error at the template's position", async () => {
    const root = withValuesFile("image: nginx:1.25\n", {
      "blueprints/mini/templates/configmap.yaml.hbs": MINI_BLUEPRINT["blueprints/mini/templates/configmap.yaml.hbs"].replace("\ndata:", "\ndata:\n  bell: \"ring\u0007\""),
    });
    const result = await runCli(["render"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/blueprints\/mini\/templates\/configmap\.yaml\.hbs:7:\d+: error: control character U\+0007 is not allowed in YAML/);
  });

  it("a UTF-8 byte order mark is accepted", async () => {
    const root = withValuesFile("\uFEFFimage: nginx:1.25\ndata:\n  motd: café\n");
    const result = await runCli(["render"], root);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(snapshot(root)["clusters/dev/rendered/web/configmap-web.yaml"]).toMatch(/motd: "?café/);
  });
});

describe("size limits on values", () => {
  it("a values file over the documented limit is one error, not minutes of parsing", async () => {
    const line = "# padding padding padding padding padding padding padding padding padding padding\n";
    const root = withValuesFile(`image: nginx:1.25\n${line.repeat(Math.ceil(MAX_VALUES_FILE_BYTES / line.length) + 1)}`);
    const before = snapshot(root);
    const result = await runCli(["render"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("clusters/dev/values/web.yaml: error: the values file is 8.0 MiB; kforge reads values files of at most 8.0 MiB");
    expect(result.stderr).toContain("[file-too-large]");
    expect(snapshot(root)).toEqual(before);
  });

  it("a mapping of 20,000 keys renders, and a duplicate among them is found at its line", async () => {
    const keys = Array.from({ length: 20000 }, (_, i) => `  k${i}: v${i}\n`).join("");
    const ok = await runCli(["render"], withValuesFile(`image: nginx:1.25\ndata:\n${keys}`));
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    const duplicated = await runCli(["render"], withValuesFile(`image: nginx:1.25\ndata:\n${keys}  k7: again\n`));
    expect(duplicated.code).toBe(1);
    expect(duplicated.stderr).toContain("clusters/dev/values/web.yaml:20003:3: error: Map keys must be unique");
  });
});
