import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { consumerWorkflow } from "../../src/init/consumer-workflows.js";
import { runCli, snapshot } from "../helpers/temp-repo.js";
import { HAS_KUBECTL } from "../helpers/kubectl.js";


const emptyFolder = () => mkdtempSync(join(tmpdir(), "kforge-init-"));

describe("kforge init", () => {
  it("writes a repository that renders and passes check right away", async () => {
    const root = emptyFolder();
    const result = await runCli(["init", "--cluster", "edge", "--engine", "flux"], root);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    for (const file of ["clusters/edge/cluster.yaml", "policies/platform.yaml", ".github/workflows/kforge.yml", ".github/workflows/kforge-comment.yml", "package.json", ".gitignore"]) {
      expect(existsSync(join(root, file)), file).toBe(true);
    }
    expect(existsSync(join(root, "clusters/edge/rendered/kustomization.yaml"))).toBe(true);
    expect(readFileSync(join(root, "clusters/edge/gitops/kustomization-edge.yaml"), "utf8")).toContain("kind: Kustomization");
    const check = await runCli(["check"], root);
    expect(check.code).toBe(0);
    expect(readFileSync(join(root, ".gitignore"), "utf8")).toBe(".kforge-cache/\nnode_modules/\n");
    expect(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).devDependencies).toHaveProperty("kforge");
  });

  it("the $schema modelines resolve to the installed package's schemas", async () => {
    const root = emptyFolder();
    expect((await runCli(["init"], root)).code).toBe(0);
    for (const [file, schema] of [["clusters/dev/cluster.yaml", "cluster.schema.json"], ["policies/platform.yaml", "policy.schema.json"]]) {
      const modeline = /^# yaml-language-server: \$schema=(\S+)$/m.exec(readFileSync(join(root, file), "utf8"));
      expect(modeline, file).not.toBeNull();
      const target = join(root, file, "..", modeline![1]);
      expect(target.endsWith(schema)).toBe(true);
      expect(JSON.parse(readFileSync(target, "utf8")).$schema).toMatch(/json-schema\.org/);
    }
  });

  it("workflows run the installed kforge, never this source tree or npx", async () => {
    const root = emptyFolder();
    expect((await runCli(["init"], root)).code).toBe(0);
    for (const name of ["kforge.yml", "kforge-comment.yml"]) {
      const text = readFileSync(join(root, ".github/workflows", name), "utf8");
      expect(parse(text)).toHaveProperty("jobs");
      expect(text).not.toMatch(/node bin\/kforge\.js|\.\/dist\/|npx kforge/);
      expect(text).toContain("node node_modules/kforge/bin/kforge.js");
    }
    // The consumer's workflows are this repository's own, with only the kforge command changed.
    const own = readFileSync(new URL("../../.github/workflows/kforge.yml", import.meta.url), "utf8");
    expect(consumerWorkflow(own).split("\n").length).toBe(own.split("\n").length);
  });

  it.skipIf(!HAS_KUBECTL)("the rendered tree builds with kubectl kustomize", async () => {
    const root = emptyFolder();
    expect((await runCli(["init"], root)).code).toBe(0);
    const built = execFileSync("kubectl", ["kustomize", "clusters/dev/rendered"], { cwd: root, encoding: "utf8" });
    expect(built).toContain("kind: Deployment");
    expect(built).toContain("kind: Namespace");
  });

  it("refuses to overwrite, lists what exists, writes nothing; --force overwrites", async () => {
    const root = emptyFolder();
    writeFileSync(join(root, "package.json"), '{"name": "ours"}\n');
    expect((await runCli(["init"], root)).code).toBe(0);
    expect(readFileSync(join(root, "package.json"), "utf8")).toBe('{"name": "ours"}\n');
    const before = snapshot(root);
    const again = await runCli(["init"], root);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("these files exist and would be overwritten:\n  clusters/dev/cluster.yaml\n");
    expect(again.stderr).toContain("Nothing was written");
    expect(snapshot(root)).toEqual(before);
    expect((await runCli(["init", "--force"], root)).code).toBe(0);
  });

  it("bad options are one sentence and exit 2", async () => {
    const root = emptyFolder();
    const result = await runCli(["init", "--engine", "spinnaker"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--engine must be argocd or flux");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
