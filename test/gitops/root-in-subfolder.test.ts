import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { writeFiles, runCli } from "../helpers/temp-repo.js";
import { clusterYaml, MINI_BLUEPRINT } from "../helpers/mini-blueprint.js";
import { commitAll, scratchRepo } from "../diff/scratch-git.js";
import { HAS_KUBECTL } from "../helpers/kubectl.js";


const release = `    - name: web
      blueprint: mini
      namespace: apps
      values: {image: "nginx:1.25"}
`;

/** A git repository whose kforge root is deploy/: one Argo CD and one Flux cluster, rendered. */
async function repoWithRootInDeploy(): Promise<{ top: string; root: string }> {
  const top = scratchRepo();
  const root = join(top, "deploy");
  mkdirSync(root);
  const files = Object.fromEntries(Object.entries(MINI_BLUEPRINT));
  writeFiles(root, {
    ...files,
    "clusters/argo/cluster.yaml": clusterYaml("argo", release),
    "clusters/fluxed/cluster.yaml": clusterYaml("fluxed", release).replace("engine: argocd", "engine: flux"),
  });
  const rendered = await runCli(["render"], root);
  expect(rendered.stderr).toBe("");
  expect(rendered.code).toBe(0);
  commitAll(top, "deploy/ holds the kforge root");
  return { top, root };
}

const read = (root: string, file: string) => parse(readFileSync(join(root, file), "utf8").replace(/^#.*\n/gm, ""));

describe("a kforge root in a subfolder of the git repository", () => {
  it("writes Argo CD, ApplicationSet and Flux paths relative to the git repository's root", async () => {
    const { root } = await repoWithRootInDeploy();
    expect(read(root, "clusters/argo/gitops/application-argo.yaml").spec.source.path).toBe("deploy/clusters/argo/rendered");
    expect(read(root, "clusters/fluxed/gitops/kustomization-fluxed.yaml").spec.path).toBe("./deploy/clusters/fluxed/rendered");
    const set = read(root, "clusters/applicationset.yaml");
    expect(set.spec.generators[0].list.elements).toEqual([{ cluster: "argo", path: "deploy/clusters/argo/rendered", destination: "https://kubernetes.default.svc", project: "default" }]);
    expect(set.spec.template.metadata.name).toBe("{{cluster}}");
  });

  it.skipIf(!HAS_KUBECTL)("the path the Application names builds with kubectl kustomize from the git repository's root", async () => {
    const { top, root } = await repoWithRootInDeploy();
    const path = read(root, "clusters/argo/gitops/application-argo.yaml").spec.source.path as string;
    const built = execFileSync("kubectl", ["kustomize", path], { cwd: top, encoding: "utf8" });
    expect(built).toContain("kind: Deployment");
  });

  it("check passes, and diff against HEAD sees no change in the GitOps objects", async () => {
    const { root } = await repoWithRootInDeploy();
    expect((await runCli(["check"], root)).code).toBe(0);
    const diff = await runCli(["diff", "--format", "json"], root);
    expect(diff.stderr).toBe("");
    expect(diff.code).toBe(0);
    expect(JSON.parse(diff.stdout).summary).toMatchObject({ added: 0, removed: 0, changed: 0 });
  });

  it("moving the root within the repository re-renders the paths, even with an unchanged cache", async () => {
    const { top, root } = await repoWithRootInDeploy();
    // Moved with its render cache and tree stamps: they must not keep the old paths.
    renameSync(root, join(top, "platform"));
    const moved = join(top, "platform");
    expect(existsSync(join(moved, ".kforge-cache"))).toBe(true);
    const check = await runCli(["check"], moved);
    expect(check.code).toBe(1);
    const rendered = await runCli(["render"], moved);
    expect(rendered.code).toBe(0);
    expect(read(moved, "clusters/argo/gitops/application-argo.yaml").spec.source.path).toBe("platform/clusters/argo/rendered");
    expect(root).not.toBe(moved);
  });
});
