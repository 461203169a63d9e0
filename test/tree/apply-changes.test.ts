import { chmodSync, existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { clusterYaml, MINI_BLUEPRINT } from "../helpers/mini-blueprint.js";
import { injectFsError } from "../helpers/inject-fs-error.js";
import { makeRepo, runCli, snapshot } from "../helpers/temp-repo.js";

const isRoot = process.getuid?.() === 0;

const release = (values: string) => `    - name: web
      blueprint: mini
      namespace: apps
      values: ${values}
`;

/**
 * A rendered repository whose next render adds, updates and deletes files: the Deployment is
 * renamed (one file added, one deleted) and the ConfigMap gets data (updated).
 */
async function repoWithPendingChanges(): Promise<string> {
  const root = makeRepo({ ...MINI_BLUEPRINT, "clusters/dev/cluster.yaml": clusterYaml("dev", release(`{image: "nginx:1.25"}`)) });
  expect((await runCli(["render"], root)).code).toBe(0);
  writeFileSync(join(root, "clusters/dev/cluster.yaml"), clusterYaml("dev", release(`{image: "nginx:1.26", name: web2, data: {a: b}}`)));
  return root;
}

function expectFault(result: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr.trim().split("\n")).toHaveLength(1);
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a fault while render writes the tree leaves it as it was", () => {
  it("a full disk on the second file: one sentence, exit 2, the tree byte for byte unchanged", async () => {
    const root = await repoWithPendingChanges();
    const before = snapshot(join(root, "clusters"));
    const fault = injectFsError("writeFile", "ENOSPC", { skip: 1 });
    const result = await runCli(["render"], root);
    expect(fault.calls()).toBe(1);
    expectFault(result, /^kforge render: cannot write clusters\/dev\/rendered\/web\/\S+\.yaml: no space left on device \(ENOSPC\); free space and run kforge render again; nothing was changed\n$/);
    expect(snapshot(join(root, "clusters"))).toEqual(before);
    // Once the disk has room again, the same render goes through.
    vi.restoreAllMocks();
    expect((await runCli(["render"], root)).code).toBe(0);
    expect(existsSync(join(root, "clusters/dev/rendered/web/deployment-web2.yaml"))).toBe(true);
    expect(existsSync(join(root, "clusters/dev/rendered/web/deployment-web.yaml"))).toBe(false);
  });

  it("a rename failing after old files were moved aside: they are put back", async () => {
    const root = await repoWithPendingChanges();
    const before = snapshot(join(root, "clusters"));
    // The renames of old files aside succeed; the first rename of a new file into place fails.
    injectFsError("rename", "EACCES", { when: (path) => /\.kforge-\d+\.tmp$/.test(path) && !path.endsWith(".old.tmp") });
    const result = await runCli(["render"], root);
    expectFault(result, /^kforge render: cannot write clusters\/dev\/rendered\/\S+: permission denied \(EACCES\); .* nothing was changed\n$/);
    expect(snapshot(join(root, "clusters"))).toEqual(before);
  });

  it.each([
    ["EROFS", "read-only file system"],
    ["EMFILE", "too many open files"],
    ["ENAMETOOLONG", "file name too long"],
    ["EDQUOT", "disk quota exceeded"],
  ])("%s while writing: said in words, nothing changed", async (code, words) => {
    const root = await repoWithPendingChanges();
    const before = snapshot(join(root, "clusters"));
    injectFsError("writeFile", code);
    const result = await runCli(["render"], root);
    expectFault(result, new RegExp(`^kforge render: cannot write clusters/dev/\\S+: ${words} \\(${code}\\); .*nothing was changed\\n$`));
    expect(snapshot(join(root, "clusters"))).toEqual(before);
  });

  it("a new folder that could not be filled is removed again", async () => {
    const root = makeRepo({ ...MINI_BLUEPRINT, "clusters/dev/cluster.yaml": clusterYaml("dev", release(`{image: "nginx:1.25"}`)) });
    injectFsError("writeFile", "ENOSPC", { skip: 2 });
    expectFault(await runCli(["render"], root), /no space left on device \(ENOSPC\)/);
    expect(readdirSync(join(root, "clusters/dev"))).toEqual(["cluster.yaml"]);
  });

  it.skipIf(isRoot)("a folder kforge may not write to (chmod): permission denied, nothing changed", async () => {
    const root = await repoWithPendingChanges();
    const folder = join(root, "clusters/dev/rendered/web");
    const before = snapshot(join(root, "clusters"));
    chmodSync(folder, 0o555);
    try {
      const result = await runCli(["render"], root);
      expectFault(result, /^kforge render: cannot write clusters\/dev\/rendered\/web\/\S+: permission denied \(EACCES\); .*nothing was changed\n$/);
      expect(snapshot(join(root, "clusters"))).toEqual(before);
    } finally {
      chmodSync(folder, 0o755);
    }
  });
});
