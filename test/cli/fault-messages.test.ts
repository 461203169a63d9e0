import { chmodSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { clusterYaml, MINI_BLUEPRINT } from "../helpers/mini-blueprint.js";
import { makeRepo, runCli, snapshot } from "../helpers/temp-repo.js";

const isRoot = process.getuid?.() === 0;
const DEPLOYMENT = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n";

function expectOneSentence(result: { code: number; stderr: string }, pattern: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr.trim().split("\n")).toHaveLength(1);
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
}

function repoWithValuesFile(valuesFile: string): string {
  return makeRepo({
    ...MINI_BLUEPRINT,
    "clusters/dev/cluster.yaml": clusterYaml("dev", `    - name: web
      blueprint: mini
      namespace: apps
      valuesFile: ${valuesFile}
`),
  });
}

describe("file-system faults are one clear sentence with exit 2, never a stack trace", () => {
  it.skipIf(!existsSync("/dev/full"))("lint --output on a full device: ENOSPC, naming the file", async () => {
    const root = makeRepo({ "cm.yaml": DEPLOYMENT });
    const result = await runCli(["lint", "--output", "/dev/full", "cm.yaml"], root);
    expectOneSentence(result, /^kforge lint: cannot write \/dev\/full: no space left on device \(ENOSPC\); free space and run kforge lint again\n$/);
  });

  it("a values file name longer than the file system allows: ENAMETOOLONG at its line, not 'does not exist'", async () => {
    const name = `${"v".repeat(300)}.yaml`;
    const root = repoWithValuesFile(name);
    const before = snapshot(root);
    for (const command of ["render", "check"]) {
      const result = await runCli([command], root);
      expect(result.code, command).toBe(1);
      expect(result.stdout + result.stderr).toMatch(new RegExp(`clusters/dev/cluster\\.yaml:11:19:? +error:? +valuesFile "${name}" cannot be read: file name too long \\(ENAMETOOLONG\\)`));
      expect(result.stdout + result.stderr).not.toMatch(/does not exist|internal error|\n\s+at /);
    }
    expect(snapshot(root)).toEqual(before);
  });

  it.skipIf(isRoot)("an unreadable values file (chmod 000): EACCES at its line, not 'does not exist'", async () => {
    const root = repoWithValuesFile("values.yaml");
    writeFileSync(join(root, "clusters/dev/values.yaml"), "image: nginx:1.25\n");
    chmodSync(join(root, "clusters/dev/values.yaml"), 0o000);
    try {
      const result = await runCli(["render"], root);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/clusters\/dev\/cluster\.yaml:11:19: error: valuesFile "values\.yaml" cannot be read: permission denied \(EACCES\)/);
    } finally {
      chmodSync(join(root, "clusters/dev/values.yaml"), 0o644);
    }
  });

  it.skipIf(isRoot)("an unreadable blueprint file (chmod 000): one sentence, exit 2", async () => {
    const root = repoWithValuesFile("values.yaml");
    writeFileSync(join(root, "clusters/dev/values.yaml"), "image: nginx:1.25\n");
    chmodSync(join(root, "blueprints/mini/blueprint.yaml"), 0o000);
    try {
      expectOneSentence(await runCli(["render"], root), /^kforge render: cannot open blueprints\/mini\/blueprint\.yaml: permission denied \(EACCES\); /);
    } finally {
      chmodSync(join(root, "blueprints/mini/blueprint.yaml"), 0o644);
    }
  });
});
