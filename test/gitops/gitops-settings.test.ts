import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { makeRepo, runCli, snapshot } from "../helpers/temp-repo.js";
import { MINI_BLUEPRINT } from "../helpers/mini-blueprint.js";

const clusterFile = (gitops: string) => `apiVersion: kforge.dev/v1alpha1
kind: Cluster
metadata: {name: dev}
spec:
  kubernetesVersion: "1.30"
  gitops:
${gitops}
  releases:
    - name: web
      blueprint: mini
      namespace: apps
      values: {image: "nginx:1.25"}
`;

const read = (root: string, file: string) => parse(readFileSync(join(root, file), "utf8").replace(/^#.*\n/gm, ""));

describe("GitOps settings in cluster.yaml", () => {
  it("Argo CD settings reach the Application and the fleet ApplicationSet", async () => {
    const root = makeRepo({
      ...MINI_BLUEPRINT,
      "clusters/dev/cluster.yaml": clusterFile(`    engine: argocd
    repoURL: https://git.example.com/platform/gitops.git
    argocd:
      destination: {name: dev-east}
      project: platform
      syncPolicy: {selfHeal: false, syncOptions: [CreateNamespace=true]}
      revisionHistoryLimit: 5`),
    });
    const result = await runCli(["render"], root);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const files = Object.keys(snapshot(root)).filter((p) => p.startsWith("clusters/dev/gitops/"));
    // A cluster that names its project gets no AppProject of kforge's.
    expect(files.sort()).toEqual(["clusters/dev/gitops/application-dev.yaml", "clusters/dev/gitops/kustomization.yaml"]);
    expect(read(root, "clusters/dev/gitops/application-dev.yaml").spec).toMatchObject({
      project: "platform",
      destination: { name: "dev-east" },
      syncPolicy: { automated: { prune: true, selfHeal: false }, syncOptions: ["CreateNamespace=true"] },
      revisionHistoryLimit: 5,
    });
    const set = read(root, "clusters/applicationset.yaml");
    expect(set.spec.generators[0].list.elements).toEqual([{ cluster: "dev", path: "clusters/dev/rendered", destination: "dev-east", project: "platform" }]);
    expect(set.spec.template.spec.destination).toEqual({ name: "{{destination}}" });
    expect((await runCli(["check"], root)).code).toBe(0);
  });

  it("Flux settings reach the GitRepository and the Kustomization", async () => {
    const root = makeRepo({
      ...MINI_BLUEPRINT,
      "clusters/dev/cluster.yaml": clusterFile(`    engine: flux
    repoURL: https://git.example.com/platform/gitops.git
    flux: {interval: 5m, sourceInterval: 30s, secretRef: gitops-credentials, dependsOn: [infra], targetNamespace: apps}`),
    });
    expect((await runCli(["render"], root)).code).toBe(0);
    expect(read(root, "clusters/dev/gitops/gitrepository-dev.yaml").spec).toMatchObject({ interval: "30s", secretRef: { name: "gitops-credentials" } });
    expect(read(root, "clusters/dev/gitops/kustomization-dev.yaml").spec).toMatchObject({ interval: "5m", dependsOn: [{ name: "infra" }], targetNamespace: "apps", prune: true });
    expect((await runCli(["check"], root)).code).toBe(0);
  });

  it("settings for the other engine are an error at their line, and nothing is written", async () => {
    const root = makeRepo({
      ...MINI_BLUEPRINT,
      "clusters/dev/cluster.yaml": clusterFile(`    engine: flux
    repoURL: https://git.example.com/platform/gitops.git
    argocd: {project: platform}`),
    });
    const before = snapshot(root);
    const result = await runCli(["render"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("clusters/dev/cluster.yaml:9:13: error: gitops.argocd holds settings for Argo CD, but this cluster's engine is flux");
    expect(snapshot(root)).toEqual(before);
  });

  it("a duration that is not one is a schema error at its value", async () => {
    const root = makeRepo({
      ...MINI_BLUEPRINT,
      "clusters/dev/cluster.yaml": clusterFile(`    engine: flux
    repoURL: https://git.example.com/platform/gitops.git
    flux: {interval: ten minutes}`),
    });
    const result = await runCli(["render"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/clusters\/dev\/cluster\.yaml:9:22: error: .*interval/);
  });
});
