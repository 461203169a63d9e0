import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { makeRepo, runCli } from "../helpers/temp-repo.js";
import { clusterYaml, MINI_BLUEPRINT } from "../helpers/mini-blueprint.js";
import { flowNode, blockScalar } from "../../src/render/yaml-scalar.js";

/** Values from pull requests: each must come out as the very same YAML scalar, adding nothing. */
const HOSTILE = {
  newline: "hi\n  hostNetwork: true",
  html: "it's <x>&=",
  no: "no",
  octal: "0755",
  version: "1.20",
  tilde: "~",
  yes: "Yes",
  empty: "",
  colon: "a: b",
  comment: "x #y",
  flow: "{a: 1}",
  dash: "- item",
  anchor: "&a *b",
  quotes: `"double" 'single'`,
  backslash: "C:\\path\\n",
  document: "---\nkind: Secret",
  unicode: "日本語 \u2028 \u0085 \u007f",
  tab: "a\tb",
  mustache: "{{values.image}}",
  number: "8080",
  exp: "1e3",
  trailing: "line\n",
  crlf: "a\r\nb",
};

describe("interpolated values are YAML-safe", () => {
  it("round-trip exactly through a full render and never add a key", async () => {
    // JSON leaves DEL and C1 controls raw; YAML text may not hold them, so they are escaped.
    const quoted = (v: string) => JSON.stringify(v).replace(/[\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const values = Object.entries(HOSTILE).map(([k, v]) => `          ${k}: ${quoted(v)}`).join("\n");
    const root = makeRepo({
      ...MINI_BLUEPRINT,
      "clusters/dev/cluster.yaml": clusterYaml("dev", `    - name: web
      blueprint: mini
      namespace: apps
      values:
        image: nginx:1.25
        data:
${values}
`),
    });
    const result = await runCli(["render"], root);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const text = readFileSync(join(root, "clusters/dev/rendered/web/configmap-web.yaml"), "utf8");
    const docs = parseAllDocuments(text);
    expect(docs).toHaveLength(1);
    // kubectl's YAML reader refuses raw control characters: the generated file escapes them.
    expect(text).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]/);
    const object = parse(text);
    expect(object.data).toEqual(HOSTILE);
    expect(Object.keys(object).sort()).toEqual(["apiVersion", "data", "kind", "metadata"]);
  });

  it("writes scalars both YAML 1.1 and 1.2 read as the same value", () => {
    for (const value of Object.values(HOSTILE)) {
      for (const text of [flowNode(value), blockScalar(value)]) {
        expect(parse(`k: ${text}`, { version: "1.2" }).k).toEqual(value);
        expect(parse(`k: ${text}`, { version: "1.1" }).k).toEqual(value);
      }
    }
    for (const value of [0, 7, -3, 1.5, 1e21, 1e-7, true, false, null]) {
      expect(parse(`k: ${flowNode(value)}`, { version: "1.1" }).k).toEqual(value);
      expect(parse(`k: ${flowNode(value)}`, { version: "1.2" }).k).toEqual(value);
    }
  });

  it("keeps collections from values as collections, each leaf safe", () => {
    const value = { "no": ["0755", { "a: b": "~" }], n: 3 };
    expect(parse(`k: ${flowNode(value)}`, { version: "1.1" }).k).toEqual(value);
    expect(parse(`k: ${flowNode(value)}`).k).toEqual(value);
  });
});
