import { describe, expect, it, beforeAll } from "vitest";
import { runRender } from "../../src/cli/render-command.js";
import type { DiffResult } from "../../src/diff/diff-result.js";
import { commitAll, edit, exampleRepo, git, runDiff } from "./scratch-git.js";

// The done-when of the diff issue: in a scratch copy of the example repository, a change to one
// release's values (inline in cluster.yaml) and to another's values file yields a diff naming
// exactly those resources and fields, and a comment body that shows them.
describe("kforge diff on the example repository", () => {
  let root: string;
  beforeAll(() => {
    root = exampleRepo();
    edit(root, "clusters/bjrdc-dev/cluster.yaml", "replicas: 2\n        port: 8080", "replicas: 4\n        port: 8080");
    edit(root, "clusters/bjrdc-dev/values/elasticsearch.yaml", "image: elasticsearch:6.8.23", "image: elasticsearch:6.8.24");
  });

  const expectExactlyTheEdits = (result: DiffResult) => {
    const changes = result.clusters.map((c) => ({
      name: c.name,
      state: c.state,
      added: c.added,
      removed: c.removed,
      changed: c.changed.map((ch) => [`${ch.resource.kind} ${ch.resource.namespace}/${ch.resource.name}`, ch.fields]),
    }));
    expect(changes).toEqual([
      {
        name: "bjrdc-dev",
        state: "compared",
        added: [],
        removed: [],
        changed: [
          ["StatefulSet bjrdc-dev/elasticsearch", ["spec.template.spec.containers[0].image"]],
          ["Deployment bjrdc-dev/hello-node", ["spec.replicas"]],
        ],
      },
      { name: "prod", state: "compared", added: [], removed: [], changed: [] },
    ]);
    expect(result.lint).toEqual({ introduced: [], fixed: [] });
    expect(result.summary).toMatchObject({ clusters: 2, added: 0, removed: 0, changed: 2, hasChanges: true });
  };

  it("reports uncommitted edits against HEAD with patches, and exits 1", async () => {
    const { code, stdout } = await runDiff(root, ["--format", "json"]);
    expect(code).toBe(1);
    const result = JSON.parse(stdout) as DiffResult;
    expect(result.base).toEqual({ ref: "HEAD", commit: git(root, "rev-parse", "HEAD").trim() });
    expectExactlyTheEdits(result);
    const [es, hello] = result.clusters[0].changed;
    expect(hello.resource).toMatchObject({ apiVersion: "apps/v1", release: "hello-node", file: "clusters/bjrdc-dev/rendered/hello-node/deployment-hello-node.yaml" });
    expect(hello.patch).toContain("--- a/clusters/bjrdc-dev/rendered/hello-node/deployment-hello-node.yaml\n+++ b/clusters/bjrdc-dev/rendered/hello-node/deployment-hello-node.yaml\n@@");
    expect(hello.patch).toContain("\n-  replicas: 2\n+  replicas: 4\n");
    expect(es.patch).toContain("\n-        image: elasticsearch:6.8.23\n+        image: elasticsearch:6.8.24\n");
    // 3 lines of context around line 13 of the written file (after its 2-line header).
    expect(hello.patch.match(/^@@ .* @@$/gm)).toEqual(["@@ -10,7 +10,7 @@"]);
  });

  it("prints the changes for a terminal", async () => {
    const { code, stdout } = await runDiff(root);
    expect(code).toBe(1);
    expect(stdout).toContain("cluster bjrdc-dev: 0 added, 0 removed, 2 changed");
    expect(stdout).toContain("  ~ Deployment bjrdc-dev/hello-node [hello-node]: spec.replicas\n--- a/");
    expect(stdout).toContain("  ~ StatefulSet bjrdc-dev/elasticsearch [elasticsearch]: spec.template.spec.containers[0].image");
    expect(stdout).toContain("cluster prod: no changes");
    expect(stdout).not.toContain("\u001b[");
  });

  it("writes a comment body that shows the changed resources, fields and patches", async () => {
    const { code, stdout } = await runDiff(root, ["--format", "markdown"]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^## kforge diff\n/);
    expect(stdout).toContain("| bjrdc-dev | 0 | 0 | 2 |  |");
    expect(stdout).toContain("| prod | 0 | 0 | 0 |  |");
    expect(stdout).toContain("| ✏️ changed | Deployment bjrdc-dev/hello-node | hello-node | `spec.replicas` |");
    expect(stdout).toContain("| ✏️ changed | StatefulSet bjrdc-dev/elasticsearch | elasticsearch | `spec.template.spec.containers[0].image` |");
    expect(stdout).toContain("<details><summary>Deployment bjrdc-dev/hello-node: spec.replicas</summary>\n\n```diff\n--- a/");
    expect(stdout).toContain("-  replicas: 2\n+  replicas: 4\n");
    expect(stdout).toContain("No findings introduced or fixed.");
    expect(stdout).not.toContain("### prod");
  });

  it("after render and commit: nothing against HEAD (exit 0), the same changes against HEAD~1", async () => {
    const io = { cwd: root, isTty: false, stdout: () => {}, stderr: () => {} };
    expect(await runRender(io, { check: false })).toBe(0);
    commitAll(root, "more replicas, newer elasticsearch");
    const same = await runDiff(root, ["--format", "json"]);
    expect(same.code).toBe(0);
    expect((JSON.parse(same.stdout) as DiffResult).summary).toMatchObject({ added: 0, removed: 0, changed: 0, hasChanges: false });
    const previous = await runDiff(root, ["--base", "HEAD~1", "--format", "json"]);
    expect(previous.code).toBe(1);
    expectExactlyTheEdits(JSON.parse(previous.stdout) as DiffResult);
    // The working tree and index are left alone.
    expect(git(root, "status", "--porcelain")).toBe("");
  });

  it("--cluster limits the comparison", async () => {
    const { code, stdout } = await runDiff(root, ["--base", "HEAD~1", "--cluster", "prod", "--format", "json"]);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as DiffResult).clusters.map((c) => c.name)).toEqual(["prod"]);
  });
});
