import { existsSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeRepo, runCli, snapshot, writeFiles } from "../helpers/temp-repo.js";
import { clusterYaml, MINI_BLUEPRINT } from "../helpers/mini-blueprint.js";

const DEPLOYMENT = "clusters/dev/rendered/web/deployment-web.yaml";
const RELEASE = `    - name: web
      blueprint: mini
      namespace: apps
      valuesFile: values/web.yaml
`;

/** Two clusters whose `web` release takes its values from a values file. */
function twoClusters(): string {
  return makeRepo({
    ...MINI_BLUEPRINT,
    "clusters/dev/cluster.yaml": clusterYaml("dev", RELEASE),
    "clusters/dev/values/web.yaml": "image: nginx:1.25\nreplicas: 1\n",
    "clusters/prod/cluster.yaml": clusterYaml("prod", RELEASE),
    "clusters/prod/values/web.yaml": "image: nginx:1.25\nreplicas: 3\n",
  });
}

async function render(root: string, ...flags: string[]): Promise<string> {
  const result = await runCli(["render", ...flags], root);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

/** A whole-second mtime, so that it can be set back exactly after an edit. */
const OLD = 1_700_000_000;

/**
 * Edits a generated file so that `stat` cannot tell: same size, and the mtime set back. Only a
 * render that reads the file notices; a render that trusts its tree stamp leaves the edit.
 */
function editUnnoticed(root: string, path: string, from: string, to: string, mtime = OLD): void {
  expect(to.length).toBe(from.length);
  const file = join(root, path);
  writeFileSync(file, readFileSync(file, "utf8").replace(from, to));
  utimesSync(file, mtime, mtime);
}

/** Gives a generated file a whole-second mtime, and renders so that the stamp records it. */
async function stampWithOldMtime(root: string, path: string, mtime = OLD): Promise<void> {
  utimesSync(join(root, path), mtime, mtime);
  await render(root);
}

describe("tree stamps: clusters whose inputs and files are unchanged are skipped", () => {
  it("skips an unchanged cluster, and renders it again once one of its inputs changes", async () => {
    const root = twoClusters();
    const first = await render(root);
    expect(first).toContain("2 clusters, 19 files; 19 added");
    await stampWithOldMtime(root, DEPLOYMENT);
    editUnnoticed(root, DEPLOYMENT, "replicas: 1", "replicas: 5");
    // Skipped: the edit is not seen (only `render --check` or --no-cache, which read every file, see it).
    expect(await render(root)).toContain("2 clusters, 19 files; 0 added, 0 updated, 0 removed");
    expect(readFileSync(join(root, DEPLOYMENT), "utf8")).toContain("replicas: 5");
    expect((await runCli(["render", "--check"], root)).stdout).toContain(`changed  ${DEPLOYMENT}`);
    // A new values file for dev: dev is rendered from its inputs again, prod stays skipped.
    writeFiles(root, { "clusters/dev/values/web.yaml": "image: nginx:1.25\nreplicas: 2\n" });
    expect(await render(root)).toContain("2 clusters, 19 files; 0 added, 1 updated, 0 removed");
    expect(readFileSync(join(root, DEPLOYMENT), "utf8")).toContain("  replicas: 2\n");
    expect(readFileSync(join(root, "clusters/prod/rendered/web/deployment-web.yaml"), "utf8")).toContain("  replicas: 3\n");
    expect(await runCli(["render", "--check"], root)).toMatchObject({ code: 0 });
  });

  it("the cluster file is an input too", async () => {
    const root = twoClusters();
    await render(root);
    await stampWithOldMtime(root, DEPLOYMENT);
    editUnnoticed(root, DEPLOYMENT, "replicas: 1", "replicas: 5");
    writeFiles(root, { "clusters/dev/cluster.yaml": `# a comment changes nothing rendered\n${clusterYaml("dev", RELEASE)}` });
    expect(await render(root)).toContain("0 added, 1 updated, 0 removed");
    expect(readFileSync(join(root, DEPLOYMENT), "utf8")).toContain("  replicas: 1\n");
  });

  it("does not trust an mtime that is not older than the stamps (an edit in the same clock tick)", async () => {
    const root = twoClusters();
    await render(root);
    const later = Math.ceil(Date.now() / 1000) + 3600;
    await stampWithOldMtime(root, DEPLOYMENT, later);
    editUnnoticed(root, DEPLOYMENT, "replicas: 1", "replicas: 5", later);
    expect(await render(root)).toContain("0 added, 1 updated, 0 removed");
    expect(readFileSync(join(root, DEPLOYMENT), "utf8")).toContain("  replicas: 1\n");
  });

  it("restores a hand-edited generated file", async () => {
    const root = twoClusters();
    await render(root);
    const rendered = snapshot(join(root, "clusters"));
    writeFileSync(join(root, DEPLOYMENT), `${rendered[DEPLOYMENT.slice("clusters/".length)]}# an edit\n`);
    expect(await render(root)).toContain("0 added, 1 updated, 0 removed");
    expect(snapshot(join(root, "clusters"))).toEqual(rendered);
  });

  it("restores a deleted generated file", async () => {
    const root = twoClusters();
    await render(root);
    const rendered = snapshot(join(root, "clusters"));
    rmSync(join(root, DEPLOYMENT));
    expect(await render(root)).toContain("1 added, 0 updated, 0 removed");
    expect(snapshot(join(root, "clusters"))).toEqual(rendered);
  });

  it("restores the fleet ApplicationSet even when every cluster is skipped", async () => {
    const root = twoClusters();
    await render(root);
    const fleet = readFileSync(join(root, "clusters/applicationset.yaml"), "utf8");
    expect(fleet).toContain("path: clusters/prod/rendered");
    rmSync(join(root, "clusters/applicationset.yaml"));
    expect(await render(root)).toContain("2 clusters, 19 files; 1 added, 0 updated, 0 removed");
    expect(readFileSync(join(root, "clusters/applicationset.yaml"), "utf8")).toBe(fleet);
  });

  it("a stray file in a generated folder makes the cluster render every time", async () => {
    const root = twoClusters();
    await render(root);
    writeFileSync(join(root, "clusters/dev/rendered/web/notes.md"), "hand-written\n");
    for (let i = 0; i < 2; i++) {
      const result = await runCli(["render"], root);
      expect(result.stderr).toContain("note: clusters/dev/rendered/web/notes.md has no kforge header; left alone");
    }
    // A stray generated file (a leftover of an older render) is removed.
    writeFileSync(join(root, "clusters/prod/rendered/web/configmap-old.yaml"), "# Generated by kforge for an old release.\n");
    expect(await render(root)).toContain("0 added, 0 updated, 1 removed");
    expect(existsSync(join(root, "clusters/prod/rendered/web/configmap-old.yaml"))).toBe(false);
  });

  it("renders again every cluster that uses a changed blueprint", async () => {
    const root = twoClusters();
    await render(root);
    await stampWithOldMtime(root, DEPLOYMENT);
    editUnnoticed(root, DEPLOYMENT, "replicas: 1", "replicas: 5");
    const template = "blueprints/mini/templates/deployment.yaml.hbs";
    writeFiles(root, { [template]: MINI_BLUEPRINT[template].replace("containers:", "terminationGracePeriodSeconds: 5\n      containers:") });
    expect(await render(root)).toContain("0 added, 2 updated, 0 removed");
    for (const cluster of ["dev", "prod"]) {
      const deployment = readFileSync(join(root, `clusters/${cluster}/rendered/web/deployment-web.yaml`), "utf8");
      expect(deployment).toContain("terminationGracePeriodSeconds: 5");
      expect(deployment).toContain(`replicas: ${cluster === "dev" ? 1 : 3}\n`);
    }
  });

  it("ignores a damaged stamps file", async () => {
    const root = twoClusters();
    await render(root);
    const rendered = snapshot(join(root, "clusters"));
    for (const damage of ["{ not json", JSON.stringify({ format: 1, clusters: { dev: { fingerprint: 7 } } })]) {
      await stampWithOldMtime(root, DEPLOYMENT);
      editUnnoticed(root, DEPLOYMENT, "replicas: 1", "replicas: 5");
      writeFileSync(join(root, ".kforge-cache/tree-stamps.json"), damage);
      expect(await render(root)).toContain("2 clusters, 19 files; 0 added, 1 updated, 0 removed");
      expect(snapshot(join(root, "clusters"))).toEqual(rendered);
    }
  });

  it("--no-cache neither trusts nor needs the stamps", async () => {
    const root = twoClusters();
    await render(root);
    await stampWithOldMtime(root, DEPLOYMENT);
    editUnnoticed(root, DEPLOYMENT, "replicas: 1", "replicas: 5");
    expect(await render(root, "--no-cache")).toContain("0 added, 1 updated, 0 removed");
    expect(readFileSync(join(root, DEPLOYMENT), "utf8")).toContain("  replicas: 1\n");
  });

  it("a render that fails stamps nothing: a cluster it rendered is rendered again next time", async () => {
    const root = twoClusters();
    await render(root);
    // dev changes validly, prod breaks: nothing is written, dev included.
    writeFiles(root, {
      "clusters/dev/values/web.yaml": "image: nginx:1.25\nreplicas: 2\n",
      "clusters/prod/values/web.yaml": "image: nginx:1.25\nreplicas: -1\n",
    });
    expect((await runCli(["render"], root)).code).toBe(1);
    expect(readFileSync(join(root, DEPLOYMENT), "utf8")).toContain("  replicas: 1\n");
    writeFiles(root, { "clusters/prod/values/web.yaml": "image: nginx:1.25\nreplicas: 3\n" });
    expect(await render(root)).toContain("0 added, 1 updated, 0 removed");
    expect(readFileSync(join(root, DEPLOYMENT), "utf8")).toContain("  replicas: 2\n");
  });

  it("--cluster counts a skipped cluster like a rendered one", async () => {
    const root = twoClusters();
    await render(root);
    const all = await render(root);
    const perCluster = Number(/2 clusters, (\d+) files/.exec(all)![1]) - 1;
    expect(await render(root, "--cluster", "dev")).toContain(`1 cluster, ${perCluster / 2} files; 0 added, 0 updated, 0 removed`);
  });
});
