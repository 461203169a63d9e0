import { describe, expect, it } from "vitest";
import { plural } from "../../src/report/plural.js";
import { clusterYaml, MINI_BLUEPRINT } from "../helpers/mini-blueprint.js";
import { makeRepo, runCli } from "../helpers/temp-repo.js";

describe("counts", () => {
  it("say 1 file and 2 files", () => {
    expect(plural(0, "file")).toBe("0 files");
    expect(plural(1, "file")).toBe("1 file");
    expect(plural(2, "file")).toBe("2 files");
    expect(plural(1, "temporary file")).toBe("1 temporary file");
  });

  it("are singular for one cluster in render and check output", async () => {
    const root = makeRepo({ ...MINI_BLUEPRINT, "clusters/dev/cluster.yaml": clusterYaml("dev", "    - name: web\n      blueprint: mini\n      namespace: apps\n      values: {image: nginx:1.27}\n", "  provided: {namespaces: [apps]}\n") });
    const render = await runCli(["render"], root);
    expect(render.stdout).toMatch(/^kforge render: 1 cluster, \d+ files; /m);
    const check = await runCli(["check"], root);
    expect(check.stderr).toMatch(/up to date \(1 cluster, \d+ files\)/);
    expect(`${render.stdout}${check.stdout}${check.stderr}`).not.toMatch(/\b1 (files|clusters|errors|warnings|resources)\b/);
  });
});
