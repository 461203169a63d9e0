import { describe, expect, it } from "vitest";
import { applicationSetFile } from "../../src/gitops/applicationset.js";
import { argoCdObjects } from "../../src/gitops/argocd.js";
import { fluxObjects } from "../../src/gitops/flux.js";
import type { Cluster } from "../../src/repo/cluster.js";
import type { Resource } from "../../src/resources/resource.js";
import { createSchemaValidator } from "../../src/validate/validate-schema.js";
import { resourcesOf } from "./validate-helpers.js";

// The shipped Argo CD/Flux schemas come from the engines' own CRDs (npm run schemas:generate):
// whatever kforge itself generates must have a schema there and pass it cleanly.
const cluster = (engine: "argocd" | "flux", settings: Partial<Cluster["gitops"]> = {}, name = "prod"): Cluster =>
  ({ name, dir: `clusters/${name}`, gitops: { engine, repoURL: "https://git.example.com/fleet.git", targetRevision: "main", renderedPath: `deploy/clusters/${name}/rendered`, ...settings } }) as Cluster;

/** Every setting kforge offers, set: what it writes must pass the engines' schemas as well as the defaults do. */
const argoEverything = cluster("argocd", {
  argocd: { destination: { name: "edge-1" }, project: "platform", syncPolicy: { automated: true, prune: false, selfHeal: false, syncOptions: ["CreateNamespace=true", "PruneLast=true"] }, revisionHistoryLimit: 3 },
}, "edge");
const fluxEverything = cluster("flux", {
  flux: { interval: "5m", sourceInterval: "30s", prune: false, wait: false, timeout: "2m", secretRef: "git-credentials", targetNamespace: "apps", dependsOn: ["infra"] },
}, "edge");

const generated: Resource[] = [
  ...[...argoCdObjects(cluster("argocd")), ...fluxObjects(cluster("flux")), ...argoCdObjects(argoEverything), ...fluxObjects(fluxEverything)].map(
    (object) => ({ object }) as Resource,
  ),
  ...resourcesOf(applicationSetFile([cluster("argocd"), argoEverything]) ?? ""),
];

describe("GitOps objects kforge generates", () => {
  it("covers every kind kforge writes", () => {
    expect([...new Set(generated.map((r) => `${String(r.object.apiVersion)} ${String(r.object.kind)}`))].sort()).toEqual([
      "argoproj.io/v1alpha1 AppProject",
      "argoproj.io/v1alpha1 Application",
      "argoproj.io/v1alpha1 ApplicationSet",
      "kustomize.toolkit.fluxcd.io/v1 Kustomization",
      "source.toolkit.fluxcd.io/v1 GitRepository",
    ]);
  });

  it("carry the settings: destination, project, sync policy, history; Flux intervals, secret, target namespace, dependencies", () => {
    const [application] = argoCdObjects(argoEverything) as { kind: string; spec: Record<string, unknown> }[];
    expect(application.kind).toBe("Application");
    expect(application.spec).toMatchObject({
      project: "platform",
      destination: { name: "edge-1" },
      source: { path: "deploy/clusters/edge/rendered" },
      syncPolicy: { automated: { prune: false, selfHeal: false }, syncOptions: ["CreateNamespace=true", "PruneLast=true"] },
      revisionHistoryLimit: 3,
    });
    const [source, kustomization] = fluxObjects(fluxEverything) as { spec: Record<string, unknown> }[];
    expect(source.spec).toMatchObject({ interval: "30s", secretRef: { name: "git-credentials" } });
    expect(kustomization.spec).toMatchObject({ interval: "5m", path: "./deploy/clusters/edge/rendered", prune: false, wait: false, timeout: "2m", targetNamespace: "apps", dependsOn: [{ name: "infra" }] });
  });

  it("the fleet ApplicationSet gives each cluster the destination and path of its own Application", () => {
    const sets = resourcesOf(applicationSetFile([cluster("argocd"), argoEverything]) ?? "").map((r) => r.object as { spec: any });
    expect(sets).toHaveLength(2);
    const elements = sets.map((set) => set.spec.generators[0].list.elements[0]);
    expect(elements).toEqual([
      { cluster: "edge", path: "deploy/clusters/edge/rendered", destination: "edge-1", project: "platform" },
      { cluster: "prod", path: "deploy/clusters/prod/rendered", destination: "https://kubernetes.default.svc", project: "default" },
    ]);
    expect(sets.map((set) => set.spec.template.spec.destination)).toEqual([{ name: "{{destination}}" }, { server: "{{destination}}" }]);
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
