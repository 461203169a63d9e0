import { describe, expect, it } from "vitest";
import type { AssembledOutput } from "../../src/render/assemble-output.js";
import { parseOutput, parseOutputFully } from "../../src/render/parse-output.js";
import { RenderCache } from "../../src/render/render-cache.js";
import { renderClusters } from "../../src/render/render-clusters.js";
import { readDocumentsFast } from "../../src/yaml/fast-read.js";
import { clusterYaml, MINI_BLUEPRINT } from "../helpers/mini-blueprint.js";
import { copyExampleRepo } from "../helpers/example-repo.js";
import { makeRepo } from "../helpers/temp-repo.js";

/** An output as assembleOutput makes it, with one value range per `[[...]]` (origin: values line = range number). */
function output(marked: string): AssembledOutput {
  const values: AssembledOutput["values"] = [];
  let text = "";
  for (const [i, part] of marked.split(/\[\[|\]\]/).entries()) {
    if (i % 2 === 1) values.push({ start: text.length, end: text.length + part.length, origin: { file: "values.yaml", line: values.length + 1, column: 3 } });
    text += part;
  }
  return { text, templateLine: text.split("\n").map((_, i) => i + 10), values };
}

describe("parseOutput", () => {
  it("reads plain output fast and works out origins only when asked", () => {
    const out = output("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [[web]]\ndata:\n  a: [[\"1\"]]\n  b: x\n");
    expect(readDocumentsFast(out.text)).toBeDefined();
    const { documents, diagnostics } = parseOutput(out, "t.yaml.hbs");
    expect(diagnostics).toEqual([]);
    expect(documents[0].object).toEqual({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "web" }, data: { a: "1", b: "x" } });
    expect(documents[0].origins.of(["data", "a"])).toEqual({ file: "values.yaml", line: 2, column: 3 });
    expect(documents[0].origins.of(["data", "b"])).toEqual({ file: "t.yaml.hbs", line: 16, column: 1 });
    expect(documents[0].origins.of(["metadata", "name"])).toEqual({ file: "values.yaml", line: 1, column: 3 });
  });

  it("reports what the fast reader declines or cannot take, at the template line", () => {
    const cases: [string, RegExp][] = [
      ["apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: a}\nx: *m\n", /anchors and aliases/],
      ["apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n- a list\n", /not a mapping/],
      ["apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n", /metadata.name/],
      ["apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n name: b\n", /invalid YAML/],
      ["apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n? [x]\n: y\n", /plain scalars/],
    ];
    for (const [text, message] of cases) {
      const { documents, diagnostics } = parseOutput(output(text), "t.yaml.hbs");
      expect(diagnostics.map((d) => d.message).join("\n"), text).toMatch(message);
      expect(diagnostics[0]).toMatchObject({ code: "template-output", file: "t.yaml.hbs" });
      expect(documents.every((d) => d.object.metadata?.name === "a")).toBe(true);
    }
  });

  it("gives the example clusters the same objects the full parse gives, mostly on the fast path", async () => {
    const render = await renderClusters(await copyExampleRepo({ render: false }));
    expect(render.diagnostics).toEqual([]);
    let fast = 0;
    let total = 0;
    for (const { resources } of render.clusters) {
      for (const resource of resources) {
        const origins = (resource as unknown as { origins?: import("../../src/render/origin-map.js").DocumentOrigins }).origins;
        if (!origins) continue;
        total++;
        if (readDocumentsFast(origins.output.text)) fast++;
        const full = parseOutputFully(origins.output, origins.templateFile);
        expect(full.diagnostics).toEqual([]);
        expect(full.documents[origins.ordinal].object, resource.file).toEqual(resource.object);
      }
    }
    expect(total).toBeGreaterThan(50);
    expect(fast / total).toBeGreaterThan(0.8);
  });
});

describe("the render cache", () => {
  const root = makeRepo({
    ...MINI_BLUEPRINT,
    "clusters/dev/cluster.yaml": clusterYaml("dev", "    - name: web\n      blueprint: mini\n      namespace: apps\n      valuesFile: values/web.yaml\n      values:\n        replicas: 2\n"),
    "clusters/dev/values/web.yaml": "image: nginx:1.25\ndata:\n  greeting: hello\n",
  });

  it("returns the same objects and origins as a fresh render", async () => {
    const fresh = await renderClusters(root);
    const first = new RenderCache(root);
    await renderClusters(root, undefined, first);
    await first.flush();
    const cached = await renderClusters(root, undefined, new RenderCache(root));
    const describe = (render: typeof fresh) =>
      render.clusters[0].resources.map((r) => ({
        file: r.file,
        object: r.object,
        replicas: r.origin(["spec", "replicas"]),
        greeting: r.origin(["data", "greeting"]),
        name: r.origin(["metadata", "name"]),
      }));
    expect(describe(cached)).toEqual(describe(fresh));
    expect(describe(fresh).find((r) => r.object.kind === "Deployment")?.replicas).toEqual({ file: "clusters/dev/cluster.yaml", line: 13, column: 19 });
    expect([...cached.files]).toEqual([...fresh.files]);
  });
});
