import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { copyExampleRepo, EXAMPLE_CLUSTERS } from "../helpers/example-repo.js";
import { makeRepo, runCli, snapshot } from "../helpers/temp-repo.js";
import { HAS_KUBECTL } from "../helpers/kubectl.js";

/** The working repository: read by the two tests below only, and never for its contents. */
const WORKING_REPO = fileURLToPath(new URL("../..", import.meta.url));

/** A copy of the working repository's inputs and committed trees. */
function copyWorkingRepo(): string {
  const copy = makeRepo({});
  for (const folder of ["blueprints", "clusters", "policies"]) {
    if (existsSync(join(WORKING_REPO, folder))) cpSync(join(WORKING_REPO, folder), join(copy, folder), { recursive: true });
  }
  return copy;
}

describe("the working repository", () => {
  it("passes `kforge check` (whatever clusters the team keeps in it)", async () => {
    const result = await runCli(["check", "--root", WORKING_REPO], WORKING_REPO);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  it("still checks clean after a team adds a cluster and renders it", async () => {
    const copy = copyWorkingRepo();
    // The new cluster runs what an existing cluster runs: existing blueprints, values they accept.
    const existing = readdirSync(join(copy, "clusters"), { withFileTypes: true }).find((d) => d.isDirectory() && existsSync(join(copy, "clusters", d.name, "cluster.yaml")));
    expect(existing, "a cluster in clusters/").toBeDefined();
    const from = join(copy, "clusters", existing!.name);
    const to = join(copy, "clusters", "new-team");
    if (existsSync(join(from, "values"))) cpSync(join(from, "values"), join(to, "values"), { recursive: true });
    const text = readFileSync(join(from, "cluster.yaml"), "utf8");
    const renamed = text.replace(/^(metadata:\n(?:[ \t].*\n)*?[ \t]+name:[ \t]*)\S+/m, "$1new-team");
    expect(renamed).not.toBe(text);
    writeFileSync(join(to, "cluster.yaml"), renamed);
    const check = await runCli(["check"], copy);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("clusters/new-team/");
    const render = await runCli(["render"], copy);
    expect(render.code, render.stderr).toBe(0);
    expect(existsSync(join(to, "rendered", "kustomization.yaml"))).toBe(true);
    const after = await runCli(["check"], copy);
    expect(after.code, after.stdout + after.stderr).toBe(0);
  });
});

describe("the example repository (test fixture)", () => {
  it("renders byte-identically twice in a fresh copy", async () => {
    const copy = await copyExampleRepo();
    const first = snapshot(join(copy, "clusters"));
    expect(Object.keys(first)).toEqual(expect.arrayContaining(EXAMPLE_CLUSTERS.map((c) => `${c}/rendered/kustomization.yaml`)));
    expect((await runCli(["render", "--no-cache"], copy)).code).toBe(0);
    expect(snapshot(join(copy, "clusters"))).toEqual(first);
    const check = await runCli(["render", "--check"], copy);
    expect(check.stdout).toContain("up to date");
    expect(check.code).toBe(0);
  });

  for (const cluster of EXAMPLE_CLUSTERS) {
    it.skipIf(!HAS_KUBECTL)(`clusters/${cluster} builds with kubectl kustomize (rendered/ and gitops/)`, async () => {
      const copy = await copyExampleRepo();
      const out = execFileSync("kubectl", ["kustomize", join(copy, "clusters", cluster, "rendered")], { encoding: "utf8" });
      const docs = parseAllDocuments(out);
      expect(docs.length).toBeGreaterThan(3);
      for (const doc of docs) expect(doc.errors).toEqual([]);
      const kinds = docs.map((d) => (d.toJS() as { kind: string }).kind);
      expect(kinds).toContain("Namespace");
      const gitops = execFileSync("kubectl", ["kustomize", join(copy, "clusters", cluster, "gitops")], { encoding: "utf8" });
      expect(gitops).toMatch(/kind: (Application|Kustomization)/);
    });
  }
});
