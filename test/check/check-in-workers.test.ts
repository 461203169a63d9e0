import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { clusterYaml, MINI_BLUEPRINT } from "../helpers/mini-blueprint.js";
import { makeRepo } from "../helpers/temp-repo.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = join(ROOT, "bin", "kforge.js");
const BUILT = existsSync(join(ROOT, "dist", "check", "check-worker.js"));

/** 17 clusters (enough for two threads), with a finding in two of them and a stale file in a third. */
function fleet(): string {
  const files: Record<string, string> = { ...MINI_BLUEPRINT };
  for (let i = 0; i < 17; i++) {
    const name = `c${String(i).padStart(2, "0")}`;
    // An image without a tag (image-tag) in two clusters, traced to the values line.
    const image = i === 3 || i === 12 ? "nginx" : "nginx:1.27";
    files[`clusters/${name}/cluster.yaml`] = clusterYaml(name, `    - name: web\n      blueprint: mini\n      namespace: apps\n      values:\n        image: ${image}\n`);
  }
  const root = makeRepo(files);
  execFileSync(process.execPath, [BIN, "render", "--no-cache"], { cwd: root });
  writeFileSync(join(root, "clusters/c09/cluster.yaml"), clusterYaml("c09", "    - name: web\n      blueprint: mini\n      namespace: apps\n      values:\n        image: nginx:1.28\n"));
  return root;
}

function check(cwd: string, workers: string) {
  const run = spawnSync(process.execPath, [BIN, "check", "--format", "json"], { cwd, env: { ...process.env, KFORGE_WORKERS: workers }, encoding: "utf8" });
  return { code: run.status, report: JSON.parse(run.stdout), stderr: run.stderr };
}

describe("check in worker threads", () => {
  it.skipIf(!BUILT)("reports exactly what one thread reports: stale files, findings with positions and sources", () => {
    const root = fleet();
    const one = check(root, "1");
    const two = check(root, "2");
    expect(two).toEqual(one);
    expect(one.code).toBe(1);
    expect(one.stderr).toContain("clusters/c09/rendered/web/deployment-web.yaml");
    expect(one.report.summary.targets.map((t: { name: string }) => t.name)).toEqual(Array.from({ length: 17 }, (_, i) => `c${String(i).padStart(2, "0")}`));
    const latest = one.report.findings.filter((f: { cluster: string; ruleId: string }) => f.ruleId === "image-tag");
    expect(latest.map((f: { cluster: string; source?: { file: string; line: number } }) => `${f.cluster} ${f.source?.file}:${f.source?.line}`)).toEqual([
      "c03 clusters/c03/cluster.yaml:12",
      "c12 clusters/c12/cluster.yaml:12",
    ]);
  });
});
