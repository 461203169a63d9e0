import { existsSync, readFileSync, symlinkSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeRepo, runCli, snapshot, writeFiles } from "../helpers/temp-repo.js";
import { clusterYaml, MINI_BLUEPRINT } from "../helpers/mini-blueprint.js";

const WEB = (extra = "") => `    - name: web
      blueprint: mini
      namespace: apps
      values: {image: nginx:1.25${extra}}
`;

function repoWithTwoClusters() {
  return makeRepo({
    ...MINI_BLUEPRINT,
    "clusters/dev/cluster.yaml": clusterYaml("dev", WEB()),
    "clusters/prod/cluster.yaml": clusterYaml("prod", WEB(", replicas: 3")),
  });
}

describe("writing the tree", () => {
  it("a render that fails anywhere leaves clusters/ byte-identical", async () => {
    const root = repoWithTwoClusters();
    expect((await runCli(["render"], root)).code).toBe(0);
    // One cluster changes validly, the other breaks: nothing of either may be written.
    writeFiles(root, {
      "clusters/dev/cluster.yaml": clusterYaml("dev", WEB(", replicas: 5")),
      "clusters/prod/cluster.yaml": clusterYaml("prod", WEB(", replicas: -1")),
    });
    const before = snapshot(join(root, "clusters"));
    const result = await runCli(["render"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("clusters/prod/cluster.yaml:11:");
    expect(result.stderr).toContain("nothing was written");
    expect(snapshot(join(root, "clusters"))).toEqual(before);
  });

  it("prunes files it generated earlier and leaves hand-written files alone, reporting them", async () => {
    const root = makeRepo({
      ...MINI_BLUEPRINT,
      "clusters/dev/cluster.yaml": clusterYaml("dev", WEB() + WEB().replace("name: web", "name: api")),
    });
    expect((await runCli(["render"], root)).code).toBe(0);
    expect(existsSync(join(root, "clusters/dev/rendered/api/deployment-api.yaml"))).toBe(true);
    writeFileSync(join(root, "clusters/dev/rendered/api/notes.md"), "hand-written\n");
    writeFiles(root, { "clusters/dev/cluster.yaml": clusterYaml("dev", WEB()) });
    const result = await runCli(["render"], root);
    expect(result.code).toBe(0);
    expect(existsSync(join(root, "clusters/dev/rendered/api/deployment-api.yaml"))).toBe(false);
    expect(existsSync(join(root, "clusters/dev/rendered/api/kustomization.yaml"))).toBe(false);
    expect(readFileSync(join(root, "clusters/dev/rendered/api/notes.md"), "utf8")).toBe("hand-written\n");
    expect(result.stderr).toContain("note: clusters/dev/rendered/api/notes.md has no kforge header; left alone");
    expect(readFileSync(join(root, "clusters/dev/rendered/kustomization.yaml"), "utf8")).not.toContain("- api");
  });

  it("refuses to overwrite a hand-written file at a generated path", async () => {
    const root = makeRepo({ ...MINI_BLUEPRINT, "clusters/dev/cluster.yaml": clusterYaml("dev", WEB()) });
    writeFiles(root, { "clusters/dev/rendered/web/deployment-web.yaml": "# mine\n" });
    const before = snapshot(root);
    const result = await runCli(["render"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("clusters/dev/rendered/web/deployment-web.yaml:1:1: error: this file was not written by kforge");
    expect(snapshot(root)).toEqual(before);
  });

  it("render --check passes on a fresh render, and lists stale files without writing", async () => {
    const root = repoWithTwoClusters();
    await runCli(["render"], root);
    expect(await runCli(["render", "--check"], root)).toMatchObject({ code: 0 });
    writeFiles(root, { "clusters/dev/cluster.yaml": clusterYaml("dev", WEB(", replicas: 4")) });
    const before = snapshot(root);
    const result = await runCli(["render", "--check"], root);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("changed  clusters/dev/rendered/web/deployment-web.yaml  (+1 -1)");
    expect(result.stdout).toContain("committed   replicas: 1");
    expect(result.stdout).toContain("rendered    replicas: 4");
    expect(snapshot(root)).toEqual(before);
  });

  it("--cluster renders one cluster and leaves the others alone", async () => {
    const root = repoWithTwoClusters();
    const result = await runCli(["render", "--cluster", "dev"], root);
    expect(result.code).toBe(0);
    expect(existsSync(join(root, "clusters/dev/rendered/kustomization.yaml"))).toBe(true);
    expect(existsSync(join(root, "clusters/prod/rendered"))).toBe(false);
    expect((await runCli(["render", "--cluster", "nope"], root)).stderr).toContain('no cluster "nope"');
  });
});

describe("paths that would escape the cluster folder", () => {
  it("rejects a resource name from values that contains a slash or ..", async () => {
    for (const name of ["../../etc/passwd", "a/b", "..", ".hidden"]) {
      const root = makeRepo({ ...MINI_BLUEPRINT, "clusters/dev/cluster.yaml": clusterYaml("dev", WEB(`, name: ${JSON.stringify(name)}`)) });
      const before = snapshot(root);
      const result = await runCli(["render"], root);
      expect(result.code, name).toBe(1);
      expect(result.stderr).toContain("[invalid-name]");
      expect(snapshot(root)).toEqual(before);
    }
  });

  it("rejects a valuesFile outside the repository", async () => {
    const root = makeRepo({
      ...MINI_BLUEPRINT,
      "clusters/dev/cluster.yaml": clusterYaml("dev", "    - name: web\n      blueprint: mini\n      namespace: apps\n      valuesFile: ../../../etc/passwd\n"),
    });
    const result = await runCli(["render"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('clusters/dev/cluster.yaml:11:19: error: valuesFile "../../../etc/passwd" points outside the repository');
  });

  it("does not read a valuesFile that is a link to a file outside the repository", async () => {
    const outside = makeRepo({ "secret.yaml": "image: stolen:1\n" });
    const root = makeRepo({
      ...MINI_BLUEPRINT,
      "clusters/dev/cluster.yaml": clusterYaml("dev", "    - name: web\n      blueprint: mini\n      namespace: apps\n      valuesFile: values/web.yaml\n"),
    });
    mkdirSync(join(root, "clusters/dev/values"), { recursive: true });
    symlinkSync(join(outside, "secret.yaml"), join(root, "clusters/dev/values/web.yaml"));
    const result = await runCli(["render"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('clusters/dev/cluster.yaml:11:19: error: valuesFile "values/web.yaml" is a link to a file outside the repository');
    expect(existsSync(join(root, "clusters/dev/rendered"))).toBe(false);
  });

  it("does not write through a symlink that points out of the cluster folder", async () => {
    const outside = makeRepo({ "victim.txt": "keep\n" });
    const root = makeRepo({ ...MINI_BLUEPRINT, "clusters/dev/cluster.yaml": clusterYaml("dev", WEB()) });
    mkdirSync(join(root, "clusters/dev/rendered"), { recursive: true });
    symlinkSync(outside, join(root, "clusters/dev/rendered/web"));
    const result = await runCli(["render"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("clusters/dev/rendered/web is a symbolic link");
    expect(snapshot(outside)).toEqual({ "victim.txt": "keep\n" });
  });
});

describe("determinism", () => {
  it("renders byte-identical trees across runs and release order", async () => {
    const a = makeRepo({ ...MINI_BLUEPRINT, "clusters/dev/cluster.yaml": clusterYaml("dev", WEB() + WEB().replace("name: web", "name: api")) });
    const b = makeRepo({ ...MINI_BLUEPRINT, "clusters/dev/cluster.yaml": clusterYaml("dev", WEB().replace("name: web", "name: api") + WEB()) });
    await runCli(["render"], a);
    const first = snapshot(join(a, "clusters/dev/rendered"));
    await runCli(["render"], a);
    expect(snapshot(join(a, "clusters/dev/rendered"))).toEqual(first);
    await runCli(["render"], b);
    expect(snapshot(join(b, "clusters/dev/rendered"))).toEqual(first);
    expect(Object.keys(first)).toContain("web/deployment-web.yaml");
  });
});
