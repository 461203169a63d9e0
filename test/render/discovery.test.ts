import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readBlueprintSources } from "../../src/repo/blueprint-sources.js";
import { discoverClusterFiles } from "../../src/repo/discover-clusters.js";
import { makeRepo, writeFiles } from "../helpers/temp-repo.js";

describe("finding the inputs of a render", () => {
  it("clusters are real, visible folders under clusters/ with a cluster.yaml file", async () => {
    const root = makeRepo({
      "clusters/b/cluster.yaml": "b",
      "clusters/a/cluster.yaml": "a",
      "clusters/.hidden/cluster.yaml": "hidden",
      "clusters/a/values/cluster.yaml": "not a cluster",
      "clusters/no-file/values.yaml": "x",
      "clusters/applicationset.yaml": "fleet",
    });
    symlinkSync("a", join(root, "clusters/linked"));
    mkdirSync(join(root, "clusters/link-file"));
    symlinkSync("../a/cluster.yaml", join(root, "clusters/link-file/cluster.yaml"));
    mkdirSync(join(root, "clusters/folder/cluster.yaml"), { recursive: true });
    expect(await discoverClusterFiles(root)).toEqual(["clusters/a/cluster.yaml", "clusters/b/cluster.yaml"]);
    expect(await discoverClusterFiles(makeRepo({ "README.md": "no clusters" }))).toEqual([]);
  });

  it("a blueprint's templates are its visible .hbs files under templates/, links followed", async () => {
    const root = makeRepo({
      "blueprints/x/blueprint.yaml": "meta",
      "blueprints/x/values.schema.json": "{}",
      "blueprints/x/templates/b.yaml.hbs": "b",
      "blueprints/x/templates/a/nested.yaml.hbs": "nested",
      "blueprints/x/templates/.hidden.yaml.hbs": "hidden",
      "blueprints/x/templates/.dir/c.yaml.hbs": "hidden dir",
      "blueprints/x/templates/notes.md": "not a template",
      "blueprints/x/shared/linked.yaml.hbs": "linked",
    });
    const templates = join(root, "blueprints/x/templates");
    symlinkSync("../shared/linked.yaml.hbs", join(templates, "l.yaml.hbs"));
    symlinkSync("../shared", join(templates, "shared"));
    symlinkSync("nowhere.yaml.hbs", join(templates, "broken.yaml.hbs"));
    symlinkSync(".", join(templates, "loop"));
    const sources = await readBlueprintSources(root, "x");
    expect(sources.templates.map((t) => t.file)).toEqual([
      "blueprints/x/templates/a/nested.yaml.hbs",
      "blueprints/x/templates/b.yaml.hbs",
      "blueprints/x/templates/l.yaml.hbs",
      "blueprints/x/templates/shared/linked.yaml.hbs",
    ]);
    expect(sources.templates[2].source).toBe("linked");
    expect(sources.metaText).toBe("meta");
    writeFiles(root, { "blueprints/x/templates/z.yaml.hbs": "new" });
    expect((await readBlueprintSources(root, "x")).contentHash).not.toBe(sources.contentHash);
    const missing = await readBlueprintSources(root, "nope");
    expect(missing).toMatchObject({ metaText: undefined, schemaText: undefined, templates: [] });
  });
});
