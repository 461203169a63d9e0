import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { HAS_KUBECTL } from "../helpers/kubectl.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BUILT = existsSync(join(ROOT, "dist", "cli", "main.cjs")) && existsSync(join(ROOT, "dist", "validators"));
const work = mkdtempSync(join(tmpdir(), "kforge-package-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" } });


describe("the packed package, installed into an empty folder", () => {
  it.skipIf(!BUILT)("installs offline with exactly its own dependencies, then init, render and check pass and kustomize builds the tree", () => {
    // --ignore-scripts: pack what `npm ci` built, without building again.
    const packed = JSON.parse(run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], ROOT)) as { filename: string; bundled: string[] }[];
    expect(packed[0].bundled).toEqual(["@marcbachmann/cel-js"]);
    const consumer = join(work, "consumer");
    mkdirSync(consumer);
    run("git", ["init", "-q"], consumer);
    run("npm", ["install", "--offline", join(work, packed[0].filename)], consumer);

    // Everything else is bundled into the CLI: the installed tree is kforge and the CEL engine, at the tested version.
    const tree = JSON.parse(run("npm", ["ls", "--all", "--json"], consumer)) as { dependencies: Record<string, { dependencies?: Record<string, { version: string }> }> };
    const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { version: string }> };
    expect(Object.keys(tree.dependencies)).toEqual(["kforge"]);
    expect(Object.fromEntries(Object.entries(tree.dependencies.kforge.dependencies ?? {}).map(([name, dep]) => [name, dep.version]))).toEqual({
      "@marcbachmann/cel-js": lock.packages["node_modules/@marcbachmann/cel-js"].version,
    });

    const kforge = join(consumer, "node_modules", ".bin", "kforge");
    expect(run(kforge, ["init"], consumer)).toContain("clusters/dev/cluster.yaml");
    run(kforge, ["render"], consumer);
    expect(run(kforge, ["check"], consumer)).toContain("no problems"); // exit 0, or execFileSync throws
    // The workflows init wrote append the reports to the job summary with the installed package's module.
    const summary = join(work, "summary.md");
    writeFileSync(join(work, "report.md"), "# kforge check\n");
    const workflow = readFileSync(join(consumer, ".github", "workflows", "kforge.yml"), "utf8");
    expect(workflow).toContain("./node_modules/kforge/dist/github/step-summary.js");
    run(process.execPath, ["--input-type=module", "-e", 'const { appendStepSummaryFiles } = await import("./node_modules/kforge/dist/github/step-summary.js"); await appendStepSummaryFiles(process.argv[1], [process.argv[2]]);', summary, join(work, "report.md")], consumer);
    expect(readFileSync(summary, "utf8")).toContain("# kforge check");
    if (HAS_KUBECTL) expect(run("kubectl", ["kustomize", "clusters/dev/rendered"], consumer)).toContain("kind: Namespace");
  }, 120_000);
});
