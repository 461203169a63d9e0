import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { copyExampleInto } from "../helpers/example-repo.js";
import { editFile } from "../helpers/edit-file.js";
import { makeRepo, runCli } from "../helpers/temp-repo.js";
import { git, outsideCi } from "../helpers/cache-env.js";

const CACHE = ".kforge-cache";
const CLUSTER = "clusters/bjrdc-dev/cluster.yaml";

function cacheFiles(root: string): Record<string, string> {
  const dir = join(root, CACHE);
  return Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith(".json")).sort().map((f) => [f, readFileSync(join(dir, f), "utf8")]));
}

/** Changes the first cached Deployment's replicas (object and text), keeping its key: what a forged cache would do. */
function forgeCache(root: string): void {
  const file = join(root, CACHE, "bjrdc-dev.json");
  const entries = JSON.parse(readFileSync(file, "utf8")) as { releases: Record<string, { documents: { body: string; object: { kind?: string; spec?: { replicas?: number } } }[] }> };
  const deployment = Object.values(entries.releases).flatMap((r) => r.documents).find((d) => d.object.kind === "Deployment" && typeof d.object.spec?.replicas === "number");
  const replicas = deployment!.object.spec!.replicas;
  deployment!.object.spec!.replicas = 99;
  deployment!.body = deployment!.body.replace(`replicas: ${replicas}\n`, "replicas: 99\n");
  expect(deployment!.body).toContain("replicas: 99\n");
  writeFileSync(file, JSON.stringify(entries));
}

describe("kforge check and the render cache", () => {
  outsideCi();

  it("is read from this machine's own cache only: not in CI, not when a commit brought it", async () => {
    const root = makeRepo({});
    copyExampleInto(root);
    expect((await runCli(["render"], root)).code).toBe(0);
    git(root, "init", "-q");
    git(root, "add", "-A");
    git(root, "commit", "-q", "-m", "render");
    forgeCache(root);
    // The machine's own (untracked) cache is used: the forged object differs from the committed tree.
    expect((await runCli(["check"], root)).code).toBe(1);
    process.env.CI = "true";
    expect((await runCli(["check"], root)).code).toBe(0);
    delete process.env.CI;
    git(root, "add", "-f", CACHE);
    expect((await runCli(["check"], root)).code).toBe(0);
  });

  it("takes the releases a render stored from its cache, reports exactly what a check without it reports, and leaves the render cache alone", async () => {
    const root = makeRepo({});
    copyExampleInto(root);
    expect((await runCli(["render"], root)).code).toBe(0);
    const stored = cacheFiles(root);
    expect(Object.keys(stored).length).toBeGreaterThan(0);
    // An edit after the render: that release is rendered again (its key changed); the others come from the cache.
    const edited = editFile(root, CLUSTER, "image: bjrdc206.reg/bjrdc-dev/hello-node:v1.0.1", "image: bjrdc206.reg/bjrdc-dev/hello-node:v1.0.2");
    const line = edited.split("\n").findIndex((l) => l.includes("hello-node:v1.0.2")) + 1;
    const warm = await runCli(["check", "--format", "json"], root);
    expect(cacheFiles(root)).toEqual(stored);
    rmSync(join(root, CACHE), { recursive: true });
    process.env.CI = "true";
    const cold = await runCli(["check", "--format", "json"], root);
    delete process.env.CI;
    // In CI check writes no file at all.
    expect(existsSync(join(root, CACHE))).toBe(false);
    expect(warm.code).toBe(1);
    expect(warm.stdout).toBe(cold.stdout);
    const findings = (JSON.parse(warm.stdout) as { findings: { ruleId: string; source?: { file: string; line: number } }[] }).findings;
    // The stale file points at the values line that changed it.
    expect(findings.filter((f) => f.ruleId === "render-stale").map((f) => `${f.source?.file}:${f.source?.line}`)).toContain(`${CLUSTER}:${line}`);
  });
});
