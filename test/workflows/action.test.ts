import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PACKAGE_ROOT } from "../../src/package-root.js";
import { runCli } from "../helpers/temp-repo.js";

interface ActionStep {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
}
const action = parse(readFileSync(join(PACKAGE_ROOT, "action.yml"), "utf8")) as {
  name: string;
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
};

describe("action.yml (the reusable action)", () => {
  it("is a composite action with the inputs a workflow needs, each described", () => {
    expect(action.runs.using).toBe("composite");
    expect(Object.keys(action.inputs).sort()).toEqual(["base", "command", "fail-on", "node-version", "results", "working-directory"]);
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description.length, name).toBeGreaterThan(10);
    expect(Object.keys(action.outputs).sort()).toEqual(["exit-code", "sarif-file"]);
  });

  it("pins every action to a commit, gives every script a shell, and never splices expressions into a script", () => {
    for (const step of action.runs.steps) {
      if (step.uses) expect(step.uses).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      if (step.run) {
        expect(step.shell, step.name).toBe("bash");
        expect(step.run, `${step.name}: pass inputs through env`).not.toContain("${{");
      }
    }
  });

  it("its script runs check on a repository: annotations, JSON and SARIF results, the job summary, the exit code", async () => {
    // The action's folder as a runner has it, with dist/ served from src/ through tsx.
    const actionPath = mkdtempSync(join(tmpdir(), "kforge-action-"));
    for (const folder of ["bin", "schemas", "data", "blueprints", "node_modules"]) symlinkSync(join(PACKAGE_ROOT, folder), join(actionPath, folder));
    symlinkSync(join(PACKAGE_ROOT, "src"), join(actionPath, "dist"));
    writeFileSync(join(actionPath, "package.json"), '{"type": "module"}');
    const repo = mkdtempSync(join(tmpdir(), "kforge-action-repo-"));
    expect((await runCli(["init"], repo)).code).toBe(0);
    // An edit without a render: check must fail, with an annotation.
    const clusterFile = join(repo, "clusters/dev/cluster.yaml");
    writeFileSync(clusterFile, readFileSync(clusterFile, "utf8").replace("replicas: 2", "replicas: 3"));
    const temp = join(repo, ".runner");
    mkdirSync(temp);
    const [output, summary] = [join(temp, "output"), join(temp, "summary.md")];
    writeFileSync(output, "");
    writeFileSync(summary, "");
    const step = action.runs.steps.find((s) => s.id === "run")!;
    writeFileSync(join(temp, "step.sh"), step.run!);
    const result = spawnSync("bash", ["-e", join(temp, "step.sh")], {
      cwd: repo,
      encoding: "utf8",
      env: { PATH: process.env.PATH, NODE_OPTIONS: `--import ${pathToFileURL(join(PACKAGE_ROOT, "node_modules/tsx/dist/loader.mjs")).href}`, GITHUB_ACTION_PATH: actionPath, RUNNER_TEMP: temp, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, KFORGE_COMMAND: "check", KFORGE_FAIL_ON: "error", KFORGE_RESULTS: "kforge-results" },
    });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/^::error file=clusters\/dev\/.*render-stale/m);
    expect(readFileSync(output, "utf8")).toContain("exit-code=1\n");
    expect(JSON.parse(readFileSync(join(repo, "kforge-results/check.json"), "utf8")).summary.failed).toBe(true);
    expect(existsSync(join(repo, "kforge-results/kforge.sarif"))).toBe(true);
    expect(readFileSync(summary, "utf8")).toContain("kforge check");
  });
});
