import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DiffResult } from "../../src/diff/diff-result.js";
import { BLUEPRINTS, cluster, miniRelease, put, vaultRelease } from "./diff-fixture.js";
import { commitAll, git, runDiff, scratchRepo } from "./scratch-git.js";

/** A scratch repository with `base` committed and `head` written over it (uncommitted). */
function repoWith(base: Record<string, string | null>, head: Record<string, string | null>): string {
  const root = scratchRepo();
  put(root, base);
  commitAll(root, "base");
  put(root, head);
  return root;
}

async function diffJson(root: string, args: string[] = []): Promise<{ code: number; result: DiffResult }> {
  const { code, stdout, stderr } = await runDiff(root, [...args, "--format", "json"]);
  if (!stdout) throw new Error(`no output (exit ${code}): ${stderr}`);
  return { code, result: JSON.parse(stdout) as DiffResult };
}

const WEB = miniRelease("web", "{image: nginx:1.25}");

describe("kforge diff", () => {
  it("never shows Secret values, in any format, while showing which keys changed", async () => {
    const root = repoWith(
      { ...BLUEPRINTS, ...cluster("dev", vaultRelease("creds", { password: "hunter2-old", user: "adm1n-user" })) },
      cluster("dev", vaultRelease("creds", { password: "s3cr3t-new", user: "adm1n-user", token: "tok-123" }) + vaultRelease("extra", { apikey: "added-value-xyz" })),
    );
    const { code, result } = await diffJson(root);
    expect(code).toBe(1);
    const [dev] = result.clusters;
    expect(dev.added.map((r) => `${r.kind} ${r.namespace}/${r.name}`)).toEqual(["Secret apps/extra"]);
    expect(dev.changed).toHaveLength(1);
    expect(dev.changed[0].fields).toEqual(["stringData.password", "stringData.token"]);
    expect(dev.changed[0].patch).toContain('-  password: "<redacted>"\n+  password: "<redacted, changed>"\n');
    expect(dev.changed[0].patch).toContain('+  token: "<redacted>"\n');
    expect(dev.changed[0].patch).toContain('\n   user: "<redacted>"\n');
    const outputs = [JSON.stringify(result), (await runDiff(root)).stdout, (await runDiff(root, ["--format", "markdown"])).stdout];
    for (const output of outputs) {
      for (const value of ["hunter2-old", "s3cr3t-new", "adm1n-user", "tok-123", "added-value-xyz"]) expect(output).not.toContain(value);
    }
    // The new Secret's plain-text values are a finding the change introduces.
    expect(result.lint.introduced.map((f) => [f.ruleId, f.resource?.name])).toContainEqual(["secret-in-git", "extra"]);
  });

  it("matches a resource across an apiVersion bump (extensions/v1beta1 -> apps/v1) as one change", async () => {
    const template = BLUEPRINTS["blueprints/mini/templates/deployment.yaml.hbs"];
    const root = repoWith(
      { ...BLUEPRINTS, "blueprints/mini/templates/deployment.yaml.hbs": template.replace("apiVersion: apps/v1", "apiVersion: extensions/v1beta1"), ...cluster("dev", WEB) },
      { "blueprints/mini/templates/deployment.yaml.hbs": template },
    );
    const { result } = await diffJson(root);
    const [dev] = result.clusters;
    expect(dev.added).toEqual([]);
    expect(dev.removed).toEqual([]);
    expect(dev.changed.map((c) => [c.resource.apiVersion, c.resource.kind, c.fields])).toEqual([["apps/v1", "Deployment", ["apiVersion"]]]);
    expect(dev.changed[0].patch).toContain("-apiVersion: extensions/v1beta1\n+apiVersion: apps/v1\n");
    expect(result.lint.fixed.map((f) => f.ruleId)).toContain("deprecated-api");
    expect(result.lint.introduced).toEqual([]);
  });

  it("reports the lint delta: introduced with positions now, fixed with positions at the base", async () => {
    const root = repoWith(
      { ...BLUEPRINTS, ...cluster("dev", miniRelease("web", "{image: nginx}") + miniRelease("api", "{image: api:1.0}")) },
      cluster("dev", miniRelease("web", "{image: nginx:1.25}") + miniRelease("api", "{image: api:latest}")),
    );
    const { result } = await diffJson(root);
    const names = (findings: DiffResult["lint"]["fixed"]) => findings.map((f) => `${f.ruleId} ${f.resource?.name}`);
    expect(names(result.lint.introduced)).toEqual(["image-tag api"]);
    expect(names(result.lint.fixed)).toEqual(["image-tag web"]);
    expect(result.lint.introduced[0]).toMatchObject({ cluster: "dev", file: "clusters/dev/rendered/api/deployment-api.yaml", line: expect.any(Number) });
    const markdown = (await runDiff(root, ["--format", "markdown"])).stdout;
    expect(markdown).toContain("1 introduced, 1 fixed");
    expect(markdown).toMatch(/\| 🆕 introduced \| .* \| `image-tag` \| dev \| Deployment apps\/api \| `clusters\/dev\/rendered\/api\/deployment-api.yaml:\d+` \|/);
    expect(markdown).toMatch(/\| ✅ fixed \| .* \| `image-tag` \| dev \| Deployment apps\/web \|/);
  });

  it("lint findings that only moved are not a change", async () => {
    // A label added above the image moves the image-tag finding down a line; it is the same finding.
    const template = BLUEPRINTS["blueprints/mini/templates/deployment.yaml.hbs"];
    const root = repoWith(
      { ...BLUEPRINTS, ...cluster("dev", miniRelease("web", "{image: nginx}")) },
      { "blueprints/mini/templates/deployment.yaml.hbs": template.replace("  namespace: {{release.namespace}}\n", "  namespace: {{release.namespace}}\n  annotations: {team: a}\n") },
    );
    const { result } = await diffJson(root);
    expect(result.clusters[0].changed[0].fields).toEqual(["metadata.annotations"]);
    expect(result.lint).toEqual({ introduced: [], fixed: [] });
  });

  it("a base without clusters/ (the first commit adding them) shows everything as added", async () => {
    const root = repoWith(BLUEPRINTS, cluster("dev", WEB));
    const { code, result } = await diffJson(root);
    expect(code).toBe(1);
    expect(result.clusters).toMatchObject([{ name: "dev", state: "new", removed: [], changed: [] }]);
    // The rendered tree and the GitOps wiring of clusters/dev/gitops/.
    expect(result.clusters[0].added.map((r) => `${r.kind} ${r.file}`).sort()).toEqual([
      "AppProject clusters/dev/gitops/appproject-dev.yaml",
      "Application clusters/dev/gitops/application-dev.yaml",
      "ConfigMap clusters/dev/rendered/web/configmap-web.yaml",
      "Deployment clusters/dev/rendered/web/deployment-web.yaml",
    ]);
    expect(result.fleet).toMatchObject({ state: "compared", added: [{ kind: "ApplicationSet", name: "kforge-clusters", file: "clusters/applicationset.yaml" }], removed: [], changed: [] });
  });

  it("a deleted cluster shows its resources as removed", async () => {
    const root = repoWith({ ...BLUEPRINTS, ...cluster("dev", WEB), ...cluster("old", WEB) }, { "clusters/old": null });
    const { result } = await diffJson(root);
    expect(result.clusters.map((c) => [c.name, c.state, c.removed.map((r) => r.kind).sort()])).toEqual([
      ["dev", "compared", []],
      ["old", "deleted", ["AppProject", "Application", "ConfigMap", "Deployment"]],
    ]);
    // The fleet ApplicationSet no longer lists the deleted cluster's tree.
    expect(result.fleet.changed.map((c) => [c.resource.name, c.fields])).toEqual([["kforge-clusters", ["spec.generators[0].list.elements[1]"]]]);
  });

  it("a base that does not render is reported, and that cluster is left out", async () => {
    const root = repoWith(
      { ...BLUEPRINTS, ...cluster("dev", miniRelease("web", "{image: nginx:1.25, replicas: two}")), ...cluster("ok", WEB) },
      { ...cluster("dev", WEB), ...cluster("ok", miniRelease("web", "{image: nginx:1.25, replicas: 3}")) },
    );
    const { code, result } = await diffJson(root);
    expect(code).toBe(1);
    expect(result.clusters.map((c) => [c.name, c.state, c.changed.length])).toEqual([["dev", "base-failed", 0], ["ok", "compared", 1]]);
    expect(result.clusters[0].baseDiagnostics?.[0]).toMatchObject({ file: "clusters/dev/cluster.yaml", code: "values-schema" });
    expect(result.lint.introduced.concat(result.lint.fixed).filter((f) => f.cluster === "dev")).toEqual([]);
    expect((await runDiff(root)).stdout).toContain("cluster dev: the base does not render, so this cluster's diff cannot be computed:\n  clusters/dev/cluster.yaml:");
  });

  it("a working tree that does not render prints its errors and exits 1", async () => {
    const root = repoWith({ ...BLUEPRINTS, ...cluster("dev", WEB) }, cluster("dev", miniRelease("web", "{image: nginx:1.25, replicas: two}")));
    const { code, stdout, stderr } = await runDiff(root);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain("clusters/dev/cluster.yaml:");
    expect(stderr).toContain("the working tree does not render");
  });

  it("no changes: exit 0 and says so", async () => {
    const root = repoWith({ ...BLUEPRINTS, ...cluster("dev", WEB) }, {});
    const text = await runDiff(root);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("cluster dev: no changes");
    const markdown = await runDiff(root, ["--format", "markdown"]);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain("✅ Working tree compared with `HEAD`");
    const { result } = await diffJson(root);
    expect(result.summary).toEqual({ clusters: 1, added: 0, removed: 0, changed: 0, introduced: 0, fixed: 0, baseFailed: 0, hasChanges: false });
  });

  it("usage errors exit 2: unknown base ref, option-like ref, unknown cluster or format, no git repository", async () => {
    const root = repoWith({ ...BLUEPRINTS, ...cluster("dev", WEB) }, {});
    const missing = await runDiff(root, ["--base", "origin/no-such-branch"]);
    expect(missing).toMatchObject({ code: 2, stdout: "" });
    expect(missing.stderr).toContain("--base origin/no-such-branch: no such commit");
    expect((await runDiff(root, ["--base", "--output=x"])).code).toBe(2);
    expect((await runDiff(root, ["--cluster", "nope"])).stderr).toContain('no cluster "nope"');
    expect((await runDiff(root, ["--format", "sarif"])).code).toBe(2);
    const plain = mkdtempSync(join(tmpdir(), "kforge-diff-nogit-"));
    put(plain, { ...BLUEPRINTS, ...cluster("dev", WEB) });
    const noGit = await runDiff(plain);
    expect(noGit.code).toBe(2);
    expect(noGit.stderr).toContain("not in a git repository");
    rmSync(plain, { recursive: true, force: true });
  });

  it("--output writes the report to a file and a summary to stderr; git state is untouched", async () => {
    const root = repoWith({ ...BLUEPRINTS, ...cluster("dev", WEB) }, cluster("dev", miniRelease("web", "{image: nginx:1.26}")));
    const status = git(root, "status", "--porcelain");
    const { code, stdout, stderr } = await runDiff(root, ["--format", "markdown", "--output", "out/diff.md"]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain("0 added, 0 removed, 1 changed in 1 cluster");
    expect(readFileSync(join(root, "out/diff.md"), "utf8")).toContain("| ✏️ changed | Deployment apps/web | web | `spec.template.spec.containers[0].image` |");
    rmSync(join(root, "out"), { recursive: true });
    expect(git(root, "status", "--porcelain")).toBe(status);
  });

  it("works when the kforge root is a subfolder of the git repository", async () => {
    const root = scratchRepo();
    put(root, Object.fromEntries(Object.entries({ ...BLUEPRINTS, ...cluster("dev", WEB) }).map(([p, c]) => [`deploy/${p}`, c])));
    commitAll(root, "base");
    put(root, { "deploy/clusters/dev/cluster.yaml": cluster("dev", miniRelease("web", "{image: nginx:1.26}"))["clusters/dev/cluster.yaml"] });
    const { result } = await diffJson(join(root, "deploy"));
    expect(result.clusters.map((c) => [c.name, c.state, c.changed.map((ch) => ch.fields)])).toEqual([["dev", "compared", [["spec.template.spec.containers[0].image"]]]]);
  });
});
