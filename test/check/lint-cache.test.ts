import { appendFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FORMATS } from "../../src/report/formatters.js";
import { copyExampleRepo } from "../helpers/example-repo.js";
import { runCli } from "../helpers/temp-repo.js";
import { git, outsideCi } from "../helpers/cache-env.js";

const LINT_CACHE = ".kforge-cache/lint";

/** Empties what every cached cluster found, keeping the keys: a check that serves the cache then reports nothing. */
function forgeLintCache(root: string): void {
  for (const name of readdirSync(join(root, LINT_CACHE))) {
    const file = join(root, LINT_CACHE, name);
    const entry = JSON.parse(readFileSync(file, "utf8")) as { result: { findings: unknown[] } };
    entry.result.findings = [];
    writeFileSync(file, JSON.stringify(entry));
  }
}

async function findings(root: string): Promise<number> {
  const run = await runCli(["check", "--format", "json"], root);
  return (JSON.parse(run.stdout) as { findings: unknown[] }).findings.length;
}

/** The example repository with a finding in each cluster: a literal password in an env variable. */
async function repoWithFindings(): Promise<string> {
  const root = await copyExampleRepo({ render: false });
  const edit = (file: string, from: string, to: string) => {
    const path = join(root, file);
    const text = readFileSync(path, "utf8");
    expect(text).toContain(from);
    writeFileSync(path, text.replace(from, to));
  };
  edit("clusters/prod/values/shop-web.yaml", "  SPRING_PROFILES_ACTIVE: k8s\n", "  SPRING_PROFILES_ACTIVE: k8s\n  DB_PASSWORD: hunter2\n");
  edit("clusters/bjrdc-dev/cluster.yaml", "        replicas: 2\n        port: 8080\n", "        replicas: 2\n        port: 8080\n        env: {API_TOKEN: abc123}\n");
  expect((await runCli(["render"], root)).code).toBe(0);
  return root;
}

describe("kforge check keeps what it found per cluster", () => {
  outsideCi({ KFORGE_TODAY: "2026-12-01" });

  it("serves unchanged clusters from .kforge-cache/lint/ with exactly the report a check without it gives, in every format", async () => {
    const root = await repoWithFindings();
    for (const format of FORMATS) {
      process.env.CI = "true";
      const uncached = await runCli(["check", "--format", format], root);
      delete process.env.CI;
      const filling = await runCli(["check", "--format", format], root);
      const served = await runCli(["check", "--format", format], root);
      expect(filling, format).toEqual(uncached);
      expect(served, format).toEqual(uncached);
    }
    expect(readdirSync(join(root, LINT_CACHE)).sort()).toEqual(["bjrdc-dev.json", "prod.json"]);
    const report = JSON.parse((await runCli(["check", "--format", "json"], root)).stdout) as { findings: { cluster?: string }[] };
    expect(new Set(report.findings.map((f) => f.cluster))).toEqual(new Set(["bjrdc-dev", "prod"]));
  });

  it("lints a cluster again when anything its lint reads changes: policies, values, the date", async () => {
    const root = await repoWithFindings();
    const expected = await findings(root);
    expect(expected).toBeGreaterThan(0);
    forgeLintCache(root);
    // The forged entries are served while nothing changed: proof that the cache is read.
    expect(await findings(root)).toBe(0);

    appendFileSync(join(root, "policies/platform.yaml"), "# reviewed\n");
    expect(await findings(root)).toBe(expected);

    forgeLintCache(root);
    process.env.KFORGE_TODAY = "2026-12-02";
    expect(await findings(root)).toBe(expected);

    forgeLintCache(root);
    appendFileSync(join(root, "clusters/prod/values/shop-web.yaml"), "# edited\n");
    // prod is linted again; bjrdc-dev still comes from the (forged) cache.
    const run = await runCli(["check", "--format", "json"], root);
    const clusters = (JSON.parse(run.stdout) as { findings: { cluster?: string }[] }).findings.map((f) => f.cluster);
    expect(clusters).toContain("prod");
    expect(clusters).not.toContain("bjrdc-dev");
  });

  it("is never read in CI nor when git tracks it, and a damaged entry is linted afresh", async () => {
    const root = await repoWithFindings();
    const expected = await findings(root);
    forgeLintCache(root);
    process.env.CI = "true";
    expect(await findings(root)).toBe(expected);
    delete process.env.CI;
    git(root, "init", "-q");
    git(root, "add", "-A");
    git(root, "add", "-f", ".kforge-cache");
    git(root, "commit", "-q", "-m", "forged cache");
    expect(await findings(root)).toBe(expected);
    git(root, "rm", "-r", "-q", "--cached", ".kforge-cache");
    expect(await findings(root)).toBe(0);
    for (const name of readdirSync(join(root, LINT_CACHE))) writeFileSync(join(root, LINT_CACHE, name), '{"format": 1, "key": ');
    expect(await findings(root)).toBe(expected);
  });
});
