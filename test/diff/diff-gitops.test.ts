import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runRender } from "../../src/cli/render-command.js";
import type { DiffResult } from "../../src/diff/diff-result.js";
import { clusterYaml } from "../helpers/mini-blueprint.js";
import { BLUEPRINTS, cluster, miniRelease, put } from "./diff-fixture.js";
import { commitAll, edit, git, runDiff, scratchRepo } from "./scratch-git.js";

const WEB = miniRelease("web", "{image: nginx:1.25}");

function repoWith(files: Record<string, string>): string {
  const root = scratchRepo();
  put(root, files);
  commitAll(root, "base");
  return root;
}

async function diffJson(root: string, args: string[] = []): Promise<{ code: number; result: DiffResult }> {
  const { code, stdout, stderr } = await runDiff(root, [...args, "--format", "json"]);
  if (!stdout) throw new Error(`no output (exit ${code}): ${stderr}`);
  return { code, result: JSON.parse(stdout) as DiffResult };
}

/** Lines `from`..`from + count - 1` (1-based) of a file. */
function linesOf(root: string, file: string, from: number, count: number): string[] {
  return readFileSync(join(root, file), "utf8").split("\n").slice(from - 1, from - 1 + count);
}

/** The context and removed lines of a patch's first hunk, with the line its old side starts at. */
function oldSide(patch: string): { start: number; lines: string[] } {
  const [, start] = /^@@ -(\d+)/m.exec(patch)!;
  const rest = patch.slice(patch.indexOf("\n", patch.indexOf("@@")) + 1).trimEnd().split("\n");
  const next = rest.findIndex((l) => l.startsWith("@@"));
  const body = next < 0 ? rest : rest.slice(0, next);
  return { start: Number(start), lines: body.filter((l) => !l.startsWith("+")).map((l) => l.slice(1)) };
}

describe("kforge diff: what reaches the cluster besides the rendered tree", () => {
  it("a targetRevision change shows the Application and the fleet ApplicationSet, in text, json and markdown, and exits 1", async () => {
    const root = repoWith({ ...BLUEPRINTS, ...cluster("dev", WEB) });
    edit(root, "clusters/dev/cluster.yaml", "targetRevision: main", "targetRevision: release-2");

    const { code, result } = await diffJson(root);
    expect(code).toBe(1);
    const [dev] = result.clusters;
    expect(dev.changed.map((c) => [c.resource.kind, c.resource.file, c.fields])).toEqual([
      ["Application", "clusters/dev/gitops/application-dev.yaml", ["spec.source.targetRevision"]],
    ]);
    expect(dev.changed[0].patch).toContain("--- a/clusters/dev/gitops/application-dev.yaml\n+++ b/clusters/dev/gitops/application-dev.yaml\n");
    expect(dev.changed[0].patch).toContain("\n-    targetRevision: main\n+    targetRevision: release-2\n");
    expect(result.fleet.changed.map((c) => [c.resource.kind, c.resource.file, c.fields])).toEqual([
      ["ApplicationSet", "clusters/applicationset.yaml", ["spec.template.spec.source.targetRevision"]],
    ]);
    expect(result.summary).toMatchObject({ changed: 2, hasChanges: true });

    const text = await runDiff(root);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("cluster dev: 0 added, 0 removed, 1 changed\n  ~ Application argocd/dev: spec.source.targetRevision\n--- a/clusters/dev/gitops/application-dev.yaml");
    expect(text.stdout).toContain("fleet ApplicationSet (clusters/applicationset.yaml): 0 added, 0 removed, 1 changed\n  ~ ApplicationSet argocd/kforge-clusters:");
    expect(text.stdout).toContain("+    targetRevision: release-2");
    expect(text.stdout).toContain("0 added, 0 removed, 2 changed in 1 cluster and the fleet ApplicationSet; lint: 0 introduced, 0 fixed.");

    const markdown = await runDiff(root, ["--format", "markdown"]);
    expect(markdown.code).toBe(1);
    expect(markdown.stdout).toContain("| dev | 0 | 0 | 1 |  |");
    expect(markdown.stdout).toContain("| fleet ApplicationSet (`clusters/applicationset.yaml`) | 0 | 0 | 1 |  |");
    expect(markdown.stdout).toContain("| ✏️ changed | Application argocd/dev |  | `spec.source.targetRevision` |");
    expect(markdown.stdout).toContain("### Fleet ApplicationSet (`clusters/applicationset.yaml`)");
    expect(markdown.stdout).toContain("| ✏️ changed | ApplicationSet argocd/kforge-clusters |  | `spec.template.spec.source.targetRevision` |");
    expect(markdown.stdout).toContain("-    targetRevision: main\n+    targetRevision: release-2\n");
  });

  it("a Flux cluster's branch change shows on its GitRepository", async () => {
    const flux = clusterYaml("edge", WEB, "  provided: {namespaces: [apps]}\n").replace("engine: argocd", "engine: flux");
    const root = repoWith({ ...BLUEPRINTS, "clusters/edge/cluster.yaml": flux });
    edit(root, "clusters/edge/cluster.yaml", "targetRevision: main", "targetRevision: stable");
    const { code, result } = await diffJson(root);
    expect(code).toBe(1);
    expect(result.clusters[0].changed.map((c) => [c.resource.kind, c.resource.file, c.fields])).toEqual([
      ["GitRepository", "clusters/edge/gitops/gitrepository-edge.yaml", ["spec.ref.branch"]],
    ]);
    // No Argo CD cluster on either side: there is no fleet file to compare, and nothing changed in it.
    expect(result.fleet).toMatchObject({ state: "compared", added: [], removed: [], changed: [] });
  });

  it("patch line numbers are those of the written files, for every document of the fleet file", async () => {
    // Two revisions make two ApplicationSet documents; the change is in the second.
    const second = clusterYaml("stage", WEB, "  provided: {namespaces: [apps]}\n").replace("targetRevision: main", "targetRevision: next");
    const root = repoWith({ ...BLUEPRINTS, ...cluster("dev", WEB), "clusters/stage/cluster.yaml": second });
    const io = { cwd: root, isTty: false, stdout: () => {}, stderr: () => {} };
    expect(await runRender(io, { check: false })).toBe(0);
    commitAll(root, "rendered");
    edit(root, "clusters/stage/cluster.yaml", "repoURL: https://git.example.com/platform/gitops.git", "repoURL: https://git.example.com/platform/fleet.git");

    const { result } = await diffJson(root);
    const [appSet] = result.fleet.changed;
    expect(appSet.resource.name).toBe("kforge-clusters-2");
    const hunk = oldSide(appSet.patch);
    expect(hunk.start).toBeGreaterThan(20);
    expect(linesOf(root, "clusters/applicationset.yaml", hunk.start, hunk.lines.length)).toEqual(hunk.lines);
    const [project] = result.clusters.find((c) => c.name === "stage")!.changed;
    const projectHunk = oldSide(project.patch);
    expect(linesOf(root, project.resource.file, projectHunk.start, projectHunk.lines.length)).toEqual(projectHunk.lines);
  });

  it("--cluster leaves the fleet file out and says so", async () => {
    const root = repoWith({ ...BLUEPRINTS, ...cluster("dev", WEB) });
    edit(root, "clusters/dev/cluster.yaml", "targetRevision: main", "targetRevision: release-2");
    const { code, result } = await diffJson(root, ["--cluster", "dev"]);
    expect(code).toBe(1);
    expect(result.fleet).toEqual({ file: "clusters/applicationset.yaml", state: "skipped", added: [], removed: [], changed: [] });
    expect((await runDiff(root, ["--cluster", "dev"])).stdout).toContain("fleet ApplicationSet (clusters/applicationset.yaml): not compared with --cluster");
    expect((await runDiff(root, ["--cluster", "dev", "--format", "markdown"])).stdout).toContain("| fleet ApplicationSet (`clusters/applicationset.yaml`) | | | | not compared with `--cluster` |");
  });

  it("a base cluster.yaml that does not load leaves that cluster out of the fleet comparison on both sides", async () => {
    const root = repoWith({ ...BLUEPRINTS, ...cluster("dev", WEB), "clusters/broken/cluster.yaml": "apiVersion: kforge.dev/v1alpha1\nkind: Cluster\nspec: [\n" });
    put(root, cluster("broken", WEB));
    const { code, result } = await diffJson(root);
    expect(code).toBe(1);
    expect(result.clusters.map((c) => [c.name, c.state])).toEqual([["broken", "base-failed"], ["dev", "compared"]]);
    expect(result.fleet).toMatchObject({ state: "compared", added: [], removed: [], changed: [], leftOut: ["broken"] });
    expect((await runDiff(root)).stdout).toContain("fleet ApplicationSet (clusters/applicationset.yaml) (without broken: cluster.yaml does not load at the base): no changes");
  });
});

describe("kforge diff --base: the base renders from the files its clusters read", () => {
  const withCommonValues = (image: string) => ({
    ...cluster("x", "    - name: web\n      blueprint: mini\n      namespace: apps\n      valuesFile: ../../common/web.yaml\n"),
    "common/web.yaml": `image: ${image}\nreplicas: 2\n`,
  });

  it("a values file under common/ works at the base and in the working tree", async () => {
    const root = repoWith({ ...BLUEPRINTS, ...withCommonValues("nginx:1.25") });
    put(root, { "common/web.yaml": "image: nginx:1.26\nreplicas: 2\n" });
    commitAll(root, "newer nginx");

    const { code, result } = await diffJson(root, ["--base", "HEAD~1"]);
    expect(code).toBe(1);
    expect(result.clusters.map((c) => [c.name, c.state, c.changed.map((ch) => [ch.resource.kind, ch.fields])])).toEqual([
      ["x", "compared", [["Deployment", ["spec.template.spec.containers[0].image"]]]],
    ]);
    expect(result.clusters[0].changed[0].patch).toContain("\n-      - image: nginx:1.25\n+      - image: nginx:1.26\n");

    // Uncommitted edits of the shared file compare against HEAD the same way.
    put(root, { "common/web.yaml": "image: nginx:1.26\nreplicas: 3\n" });
    const head = await diffJson(root);
    expect(head.result.clusters[0].changed.map((c) => c.fields)).toEqual([["spec.replicas"]]);
    expect(git(root, "status", "--porcelain")).toBe(" M common/web.yaml\n");
  });

  it("the whole tree under a subfolder root is read, large files included (streamed in chunks)", async () => {
    const root = scratchRepo();
    const files = { ...BLUEPRINTS, ...withCommonValues("nginx:1.25"), "docs/big.txt": "x".repeat(3 * 1024 * 1024) };
    put(root, Object.fromEntries(Object.entries(files).map(([path, content]) => [`deploy/${path}`, content])));
    commitAll(root, "base");
    put(root, { "deploy/common/web.yaml": "image: nginx:1.27\nreplicas: 2\n" });
    const { result } = await diffJson(join(root, "deploy"));
    expect(result.clusters[0].changed.map((c) => c.fields)).toEqual([["spec.template.spec.containers[0].image"]]);
  });
});
