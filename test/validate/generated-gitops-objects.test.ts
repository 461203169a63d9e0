import { describe, expect, it } from "vitest";
import { applicationSetFile } from "../../src/gitops/applicationset.js";
import { argoCdObjects } from "../../src/gitops/argocd.js";
import { fluxObjects } from "../../src/gitops/flux.js";
import type { Cluster } from "../../src/repo/cluster.js";
import type { Resource } from "../../src/resources/resource.js";
import { createSchemaValidator } from "../../src/validate/validate-schema.js";
import { resourcesOf } from "./validate-helpers.js";

// The shipped Argo CD/Flux schemas come from pinned @kubernetes-models packages (older ones, for
// Node 20): whatever kforge itself generates must have a schema there and pass it cleanly.
const cluster = (engine: "argocd" | "flux"): Cluster =>
  ({ name: "prod", dir: "clusters/prod", gitops: { engine, repoURL: "https://git.example.com/fleet.git", targetRevision: "main" } }) as Cluster;

const generated: Resource[] = [
  ...[...argoCdObjects(cluster("argocd"), "clusters/prod/rendered"), ...fluxObjects(cluster("flux"), "clusters/prod/rendered")].map(
    (object) => ({ object }) as Resource,
  ),
  ...resourcesOf(applicationSetFile([cluster("argocd")]) ?? ""),
];

describe("GitOps objects kforge generates", () => {
  it("covers every kind kforge writes", () => {
    expect(generated.map((r) => `${String(r.object.apiVersion)} ${String(r.object.kind)}`).sort()).toEqual([
      "argoproj.io/v1alpha1 AppProject",
      "argoproj.io/v1alpha1 Application",
      "argoproj.io/v1alpha1 ApplicationSet",
      "kustomize.toolkit.fluxcd.io/v1 Kustomization",
      "source.toolkit.fluxcd.io/v1 GitRepository",
    ]);
  });

  for (const version of ["1.18", "1.30"]) {
    it(`have a shipped schema and pass it at Kubernetes ${version}`, () => {
      const validator = createSchemaValidator({ kubernetesVersion: version });
      for (const resource of generated) {
        const name = `${String(resource.object.apiVersion)} ${String(resource.object.kind)}`;
        expect(validator.knows(String(resource.object.apiVersion), String(resource.object.kind)), name).toBe(true);
        expect(validator.validate(resource), name).toEqual([]);
      }
    });
  }
});
