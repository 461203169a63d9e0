import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { commentBody } from "../../src/github/comment-body.js";
import { localReport } from "../../src/github/local-report.js";
import { readReportFiles } from "../../src/github/read-report-input.js";
import { clusterYaml, MINI_BLUEPRINT } from "../helpers/mini-blueprint.js";
import { makeRepo, runCli, snapshot, writeFiles } from "../helpers/temp-repo.js";

const TODAY = "2026-06-01";
const STALE = "clusters/dev/rendered/web/deployment-web.yaml";
const VALUES = "clusters/dev/values/web.yaml";

/** Two clusters, each with one release whose values live in a values file. */
function fixtureRepo(): string {
  const files: Record<string, string> = { ...MINI_BLUEPRINT };
  for (const name of ["dev", "prod"]) {
    files[`clusters/${name}/cluster.yaml`] = clusterYaml(name, "    - name: web\n      blueprint: mini\n      namespace: apps\n      valuesFile: values/web.yaml\n", "  provided: {namespaces: [apps]}\n");
    files[`clusters/${name}/values/web.yaml`] = "image: nginx:1.27\nreplicas: 2\n";
  }
  return makeRepo(files);
}

async function check(root: string, format: string) {
  return runCli(["check", "--format", format], root);
}

describe("check reports the whole repository", () => {
  let root: string;
  beforeEach(async () => {
    root = fixtureRepo();
    process.env.KFORGE_TODAY = TODAY;
    expect((await runCli(["render", "--no-cache"], root)).code).toBe(0);
  });
  afterEach(() => {
    delete process.env.KFORGE_TODAY;
  });

  it("is green on a freshly rendered repository", async () => {
    const run = await check(root, "json");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).summary).toMatchObject({ failed: false, errors: 0 });
  });

  it("fails a values edit without render in every format, with the same count, the stale file and the values line", async () => {
    writeFileSync(join(root, VALUES), "image: nginx:1.27\nreplicas: 3\n");
    const committedLine = readFileSync(join(root, STALE), "utf8").split("\n").indexOf("  replicas: 2") + 1;
    expect(committedLine).toBeGreaterThan(0);

    const json = await check(root, "json");
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.summary.failed).toBe(true);
    const errors = report.summary.errors;
    expect(errors).toBeGreaterThan(0);
    const stale = report.findings.find((f: { ruleId: string }) => f.ruleId === "render-stale");
    expect(stale).toMatchObject({ severity: "error", file: STALE, line: committedLine, column: 3, cluster: "dev", source: { file: VALUES, line: 2 } });
    expect(stale.message).toContain("`replicas: 2`");
    expect(stale.message).toContain("`replicas: 3`");
    expect(stale.remediation).toContain("kforge render");

    const text = await check(root, "text");
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`${STALE}:${committedLine}:3  error`);
    expect(text.stdout).toContain(`from: ${VALUES}:2:`);
    expect(text.stdout).toContain(`✖ ${errors} error${errors === 1 ? "" : "s"}`);

    const sarif = await check(root, "sarif");
    expect(sarif.code).toBe(1);
    const results = JSON.parse(sarif.stdout).runs[0].results;
    expect(results.filter((r: { level: string }) => r.level === "error")).toHaveLength(errors);
    const result = results.find((r: { ruleId: string }) => r.ruleId === "render-stale");
    expect(result.locations[0].physicalLocation).toMatchObject({ artifactLocation: { uri: STALE }, region: { startLine: committedLine } });
    expect(result.relatedLocations[0].physicalLocation).toMatchObject({ artifactLocation: { uri: VALUES }, region: { startLine: 2 } });
    const rules = JSON.parse(sarif.stdout).runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    expect(rules).toContain("render-stale");

    const github = await check(root, "github");
    expect(github.code).toBe(1);
    const annotations = github.stdout.split("\n").filter((l) => l.startsWith("::error "));
    expect(annotations).toHaveLength(errors);
    expect(annotations.some((a) => a.includes(`file=${VALUES},line=2`) && a.includes(`rendered ${STALE}:${committedLine}:3`))).toBe(true);

    const markdown = await check(root, "markdown");
    expect(markdown.code).toBe(1);
    expect(markdown.stdout).toMatch(new RegExp(`^## kforge check\\n\\n❌ \\*\\*${errors} errors?, `));
    expect(markdown.stdout).toContain("`render-stale`");
    expect(markdown.stdout).toContain(`\`${STALE}:${committedLine}\``);
    expect(markdown.stdout).toContain(`\`${VALUES}:2\``);

    // The comment, from a fresh check and from the JSON the workflow passes with --input.
    const comment = await localReport(root, TODAY);
    expect(comment.check).toMatchObject({ failed: true, errors });
    writeFileSync(join(root, "check.json"), json.stdout);
    const [fromJson] = await readReportFiles(["check.json"], root);
    expect(fromJson.check).toMatchObject({ failed: true, errors });
    for (const input of [comment, fromJson]) {
      const body = commentBody(input).body;
      expect(body).toContain("render-stale");
      expect(body).toContain(`${STALE}:${committedLine}`);
    }
  });

  it("reports a missing, an orphaned and a hand-edited generated file, each with its own code", async () => {
    const deployment = readFileSync(join(root, STALE), "utf8");
    writeFileSync(join(root, STALE), deployment.replace("  replicas: 2", "  replicas: 2 # scaled by hand"));
    const configMap = "clusters/prod/rendered/web/configmap-web.yaml";
    const orphan = "clusters/prod/rendered/web/secret-old.yaml";
    writeFileSync(join(root, orphan), readFileSync(join(root, configMap), "utf8"));
    rmSync(join(root, configMap));
    writeFileSync(join(root, "clusters/prod/rendered/notes.md"), "hand-written\n");
    const run = await check(root, "json");
    expect(run.code).toBe(1);
    const byCode = (code: string) => JSON.parse(run.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === code).map((f: { file: string; severity: string }) => `${f.severity} ${f.file}`);
    expect(byCode("render-hand-edited")).toEqual([`error ${STALE}`]);
    expect(byCode("render-missing")).toEqual([`error ${configMap}`]);
    const missing = JSON.parse(run.stdout).findings.find((f: { ruleId: string }) => f.ruleId === "render-missing");
    // The first line that comes from an input: the release name in the cluster file (line 9).
    expect(missing.source).toMatchObject({ file: "clusters/prod/cluster.yaml", line: 9 });
    expect(byCode("render-orphaned")).toEqual([`error ${orphan}`]);
    expect(byCode("render-unmanaged")).toEqual(["warning clusters/prod/rendered/notes.md"]);
  });

  it("still checks and lints the other clusters when one cluster's values file is broken", async () => {
    writeFileSync(join(root, VALUES), "image: nginx:1.27\nreplicas: many\n");
    // A finding in the healthy cluster: an image without a tag, traced to its values line.
    writeFileSync(join(root, "clusters/prod/values/web.yaml"), "image: nginx\nreplicas: 2\n");
    const before = snapshot(root);
    const run = await check(root, "json");
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    const summary = report.findings.map((f: { ruleId: string; file: string; line: number; source: { file: string; line: number } | null }) => `${f.ruleId} ${f.file}:${f.line}${f.source ? ` <- ${f.source.file}:${f.source.line}` : ""}`);
    expect(summary).toContain(`values-schema ${VALUES}:2`);
    expect(summary.some((s: string) => s.startsWith("image-tag clusters/prod/rendered/web/deployment-web.yaml") && s.endsWith("<- clusters/prod/values/web.yaml:1"))).toBe(true);
    expect(summary.some((s: string) => s.startsWith("render-stale clusters/prod/"))).toBe(true);
    // The broken cluster's half-render is neither compared nor linted.
    expect(summary.filter((s: string) => s.includes("clusters/dev/rendered"))).toEqual([]);
    expect(report.summary.targets.map((t: { name: string }) => t.name)).toEqual(["prod"]);
    expect(report.summary.failed).toBe(true);

    // render reports the error and writes nothing.
    const render = await runCli(["render", "--no-cache"], root);
    expect(render.code).toBe(1);
    expect(render.stderr).toContain(`${VALUES}:2:`);
    // Nothing but check's own cache of what it found.
    const unchanged = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).filter(([path]) => !path.startsWith(".kforge-cache/")));
    expect(unchanged(snapshot(root))).toEqual(unchanged(before));
  });

  it("checks only the clusters --cluster names, and suggests a name for a typo", async () => {
    writeFileSync(join(root, VALUES), "image: nginx:1.27\nreplicas: 3\n");
    const prod = await runCli(["check", "--cluster", "prod", "--format", "json"], root);
    expect(prod.code).toBe(0);
    expect(JSON.parse(prod.stdout).summary.targets.map((t: { name: string }) => t.name)).toEqual(["prod"]);
    const both = await runCli(["check", "--cluster", "prod", "--cluster", "dev", "--format", "json"], root);
    expect(both.code).toBe(1);
    expect(JSON.parse(both.stdout).summary.targets.map((t: { name: string }) => t.name)).toEqual(["dev", "prod"]);
    const typo = await runCli(["check", "--cluster", "prdo"], root);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('no cluster "prdo" (looked for clusters/prdo/cluster.yaml) (did you mean "prod"?)');
  });

  it("reports a policy's unknown rule id once, as a finding, and still lints", async () => {
    writeFiles(root, { "policies/team.yaml": "apiVersion: kforge.dev/v1alpha1\nkind: Policy\nmetadata: {name: team}\nspec:\n  rules:\n    image-tags: error\n" });
    const run = await check(root, "json");
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    const policy = report.findings.filter((f: { file: string }) => f.file === "policies/team.yaml");
    expect(policy).toHaveLength(1);
    expect(policy[0]).toMatchObject({ ruleId: "policy-schema", line: 6, column: 5 });
    expect(policy[0].message).toContain("did you mean `image-tag`?");
    expect(report.summary.errors).toBe(1);
    expect(report.summary.targets).toHaveLength(2);
  });

  it("lint reports a broken cluster as findings and still lints the others; --cluster is repeatable", async () => {
    writeFileSync(join(root, VALUES), "image: nginx:1.27\nreplicas: many\n");
    writeFileSync(join(root, "clusters/prod/values/web.yaml"), "image: nginx\nreplicas: 2\n");
    const run = await runCli(["lint", "--format", "json"], root);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.findings.map((f: { ruleId: string; cluster: string }) => `${f.ruleId} ${f.cluster}`)).toEqual(expect.arrayContaining(["values-schema dev", "image-tag prod"]));
    expect(report.summary.targets.map((t: { name: string }) => t.name)).toEqual(["prod"]);
    const one = await runCli(["lint", "--cluster", "prod", "--cluster", "prod", "--format", "json"], root);
    expect(JSON.parse(one.stdout).findings.some((f: { ruleId: string }) => f.ruleId === "values-schema")).toBe(false);
    const typo = await runCli(["lint", "--cluster", "dve"], root);
    expect(typo.stderr).toContain('(did you mean "dev"?)');
  });

  it("render reports the errors of every broken cluster in one run and writes nothing; --cluster is repeatable", async () => {
    writeFileSync(join(root, VALUES), "image: nginx:1.27\nreplicas: many\n");
    writeFileSync(join(root, "clusters/prod/values/web.yaml"), "image: nginx:1.27\nreplicas: -1\n");
    const before = snapshot(root);
    const run = await runCli(["render", "--no-cache"], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${VALUES}:2:11`);
    expect(run.stderr).toContain("clusters/prod/values/web.yaml:2:11");
    expect(run.stderr).toContain("2 errors; nothing was written.");
    expect(snapshot(root)).toEqual(before);
    writeFileSync(join(root, VALUES), "image: nginx:1.27\nreplicas: 4\n");
    writeFileSync(join(root, "clusters/prod/values/web.yaml"), "image: nginx:1.27\nreplicas: 5\n");
    const both = await runCli(["render", "--no-cache", "--cluster", "dev", "--cluster", "prod"], root);
    expect(both.code).toBe(0);
    expect(both.stdout).toContain("2 clusters");
    expect(readFileSync(join(root, "clusters/prod/rendered/web/deployment-web.yaml"), "utf8")).toContain("replicas: 5");
  });

  it("lint prints a policy's unknown rule id once", async () => {
    writeFiles(root, { "policies/team.yaml": "apiVersion: kforge.dev/v1alpha1\nkind: Policy\nmetadata: {name: team}\nspec:\n  rules:\n    image-tags: error\n" });
    const run = await runCli(["lint"], root);
    expect(run.code).toBe(2);
    expect(run.stderr.match(/unknown rule `image-tags`/g)).toHaveLength(1);
    expect(run.stderr).toContain("1 error;");
  });

  it("reports a release naming a missing blueprint where it names it, in every cluster that does", async () => {
    for (const name of ["qa", "stage"]) {
      writeFiles(root, { [`clusters/${name}/cluster.yaml`]: clusterYaml(name, "    - name: web\n      blueprint: mni\n      namespace: apps\n      values: {image: nginx:1.27}\n") });
    }
    const run = await check(root, "json");
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    const missing = report.findings.filter((f: { ruleId: string }) => f.ruleId === "blueprint-missing");
    expect(missing.map((f: { file: string; line: number; column: number }) => `${f.file}:${f.line}:${f.column}`)).toEqual(["clusters/qa/cluster.yaml:9:18", "clusters/stage/cluster.yaml:9:18"]);
    expect(report.summary.targets.map((t: { name: string }) => t.name)).toEqual(["dev", "prod"]);
    // Both new clusters loaded, so the fleet ApplicationSet, which lists them, is truly stale.
    expect(report.findings.filter((f: { ruleId: string }) => f.ruleId === "render-stale").map((f: { file: string }) => f.file)).toEqual(["clusters/applicationset.yaml"]);
  });
});
