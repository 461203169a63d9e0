import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { makeRepo, runCli, snapshot } from "../helpers/temp-repo.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CLUSTERS = readdirSync(join(ROOT, "clusters"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const kubectl = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" });
const hasKubectl = kubectl.status === 0;
if (!hasKubectl) console.warn("kubectl is not on PATH: the `kubectl kustomize` build tests are SKIPPED. Install kubectl to run them.");

describe("the repository's example clusters", () => {
  it("has the two example clusters", () => {
    expect(CLUSTERS).toEqual(expect.arrayContaining(["bjrdc-dev", "prod"]));
  });

  it("committed trees are what a render produces now (render --check)", async () => {
    const result = await runCli(["render", "--check"], ROOT);
    expect(result.stdout + result.stderr).toContain("up to date");
    expect(result.code).toBe(0);
  });

  it("renders byte-identically twice in a fresh copy", async () => {
    const copy = makeRepo({});
    cpSync(join(ROOT, "blueprints"), join(copy, "blueprints"), { recursive: true });
    cpSync(join(ROOT, "clusters"), join(copy, "clusters"), { recursive: true });
    expect((await runCli(["render"], copy)).code).toBe(0);
    const first = snapshot(join(copy, "clusters"));
    expect(first).toEqual(snapshot(join(ROOT, "clusters")));
    expect((await runCli(["render"], copy)).code).toBe(0);
    expect(snapshot(join(copy, "clusters"))).toEqual(first);
  });

  for (const cluster of CLUSTERS) {
    it.skipIf(!hasKubectl)(`clusters/${cluster}/rendered builds with kubectl kustomize`, () => {
      const out = execFileSync("kubectl", ["kustomize", join(ROOT, "clusters", cluster, "rendered")], { encoding: "utf8" });
      const docs = parseAllDocuments(out);
      expect(docs.length).toBeGreaterThan(3);
      for (const doc of docs) expect(doc.errors).toEqual([]);
      const kinds = docs.map((d) => (d.toJS() as { kind: string }).kind);
      expect(kinds).toContain("Namespace");
    });

    it.skipIf(!hasKubectl)(`clusters/${cluster}/gitops builds with kubectl kustomize`, () => {
      const out = execFileSync("kubectl", ["kustomize", join(ROOT, "clusters", cluster, "gitops")], { encoding: "utf8" });
      expect(out).toMatch(/kind: (Application|Kustomization)/);
    });
  }
});
