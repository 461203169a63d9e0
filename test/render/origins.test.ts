import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderClusters } from "../../src/render/render-clusters.js";
import { makeRepo } from "../helpers/temp-repo.js";
import { clusterYaml, MINI_BLUEPRINT } from "../helpers/mini-blueprint.js";

describe("rendered resources know where each field came from", () => {
  const root = makeRepo({
    ...MINI_BLUEPRINT,
    "clusters/dev/cluster.yaml": clusterYaml(
      "dev",
      `    - name: web
      blueprint: mini
      namespace: apps
      valuesFile: values/web.yaml
      values:
        replicas: 2
`,
      `  imageRegistry:\n    rewrite: {"docker.io": "harbor.local/mirror"}\n`,
    ),
    "clusters/dev/values/web.yaml": "image: nginx:1.25\ndata:\n  greeting: hello\n",
  });

  it("points values-made fields at the values entry, other fields at the template line", async () => {
    const render = await renderClusters(root);
    expect(render.diagnostics).toEqual([]);
    const resources = render.clusters[0].resources;
    const deployment = resources.find((r) => r.object.kind === "Deployment")!;
    expect(deployment.origin(["spec", "replicas"])).toEqual({ file: "clusters/dev/cluster.yaml", line: 15, column: 19 });
    // Transformed by the image helper (registry rewrite), still traced to the value.
    expect(deployment.object.spec).toMatchObject({ template: { spec: { containers: [{ image: "harbor.local/mirror/library/nginx:1.25" }] } } });
    expect(deployment.origin(["spec", "template", "spec", "containers", 0, "image"])).toEqual({ file: "clusters/dev/values/web.yaml", line: 1, column: 8 });
    expect(deployment.origin(["spec", "selector", "matchLabels"])).toEqual({ file: "blueprints/mini/templates/deployment.yaml.hbs", line: 9, column: 1 });
    const configMap = resources.find((r) => r.object.kind === "ConfigMap")!;
    expect(configMap.origin(["data", "greeting"])).toEqual({ file: "clusters/dev/values/web.yaml", line: 3, column: 13 });
  });

  it("locates each field in the written file without parsing it", async () => {
    const render = await renderClusters(root);
    const deployment = render.clusters[0].resources.find((r) => r.object.kind === "Deployment")!;
    const text = render.files.get(deployment.file)!;
    const span = deployment.locate(["spec", "replicas"]);
    expect(text.split("\n")[span.line - 1].slice(span.column - 1)).toBe("2");
    const image = deployment.locate(["spec", "template", "spec", "containers", 0, "image"]);
    expect(text.split("\n")[image.line - 1].slice(image.column - 1)).toBe("harbor.local/mirror/library/nginx:1.25");
    expect(readFileSync(join(root, "clusters/dev/cluster.yaml"), "utf8").split("\n")[14]).toBe("        replicas: 2");
  });
});
