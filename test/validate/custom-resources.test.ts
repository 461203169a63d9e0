import { describe, expect, it } from "vitest";
import { lines, problemsOf } from "./validate-helpers.js";
import { WIDGET_CRD_HEAD } from "../helpers/widget-crd.js";

const CRD_V1 = `${WIDGET_CRD_HEAD}            type: object
            required: [size]
            properties:
              size: {type: integer, format: int32, minimum: 1}
              port: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}
              color: {type: string, enum: [red, green], nullable: true}
              extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
`;

const widget = (spec: string) => `apiVersion: example.com/v1
kind: Widget
metadata: {name: w, labels: {app: shop}}
spec:
${spec}`;

describe("custom resources of a CRD in the linted set", () => {
  it("accepts a valid resource: int-or-string both ways, anything under preserve-unknown-fields, null optional", () => {
    expect(problemsOf(widget("  size: 3\n  port: http\n  color: null\n  extra: {any: [thing, 1]}\n"), "1.30", CRD_V1)).toEqual([]);
    expect(problemsOf(widget("  size: 3\n  port: 8080\n"), "1.18", CRD_V1)).toEqual([]);
  });

  it("is strict: unknown fields, types, enums, required fields, metadata", () => {
    const yaml = widget("  sise: 3\n  port: true\n  color: blue\n").replace("labels:", "lables:");
    expect(lines(problemsOf(yaml, "1.30", CRD_V1))).toEqual([
      "error metadata.lables: unknown field `lables` (did you mean `labels`?)",
      "error spec.color: `blue` is not one of: `red`, `green`",
      "error spec.port: expected integer or string (IntOrString), got a boolean",
      "error spec.sise: unknown field `sise` (did you mean `size`?)",
      "error spec.size: missing required field `size`",
    ]);
  });

  it("admits null list items only where nullable, and needs apiVersion and kind in an embedded resource", () => {
    const crd = CRD_V1.replace(
      "              extra: {type: object, x-kubernetes-preserve-unknown-fields: true}\n",
      `              extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
              maybe: {type: array, items: {type: string, nullable: true}}
              never: {type: array, items: {type: string}}
              template: {type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}
`,
    );
    expect(problemsOf(widget("  size: 3\n  maybe: [a, null]\n  template: {apiVersion: v1, kind: Pod, spec: {}}\n"), "1.30", crd)).toEqual([]);
    expect(lines(problemsOf(widget("  size: 3\n  never: [a, null]\n  template: {apiVersion: v1}\n"), "1.30", crd))).toEqual([
      "error spec.never.1: expected a string, got null",
      "error spec.template.kind: missing required field `kind`",
    ]);
  });

  it("honours the CRD's numeric constraints", () => {
    expect(lines(problemsOf(widget("  size: 0\n"), "1.30", CRD_V1))).toEqual(["error spec.size: `0` must be >= 1"]);
    expect(lines(problemsOf(widget('  size: "3"\n'), "1.30", CRD_V1))).toEqual(['error spec.size: expected an integer (int32), got the string "3"']);
  });

  it("reads apiextensions.k8s.io/v1beta1 spec.validation", () => {
    const v1beta1 = `apiVersion: apiextensions.k8s.io/v1beta1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  version: v1
  names: {kind: Widget, plural: widgets}
  validation:
    openAPIV3Schema:
      type: object
      properties:
        spec: {type: object, properties: {size: {type: integer}}}
`;
    expect(problemsOf(widget("  size: 3\n"), "1.18", v1beta1)).toEqual([]);
    expect(lines(problemsOf(widget("  size: 3\n  colour: red\n"), "1.18", v1beta1))).toEqual(["error spec.colour: unknown field `colour`"]);
  });

  it("validates the CRD itself against the built-in schema", () => {
    expect(problemsOf(CRD_V1, "1.30")).toEqual([]);
    expect(lines(problemsOf(CRD_V1.replace("served: true", "servd: true"), "1.30"))).toEqual([
      "error spec.versions.0.servd: unknown field `servd` (did you mean `served`?)",
      "error spec.versions.0.served: missing required field `served`",
    ]);
  });
});

describe("shipped Argo CD and Flux schemas", () => {
  const application = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: shop, namespace: argocd}
spec:
  project: default
  source: {repoURL: "https://git.example.com/shop.git", path: clusters/prod, targetRevision: main}
  destination: {server: "https://kubernetes.default.svc", namespace: shop}
  syncPolicy:
    automated: {prune: true, selfHeal: true}
`;
  const kustomization = `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: shop, namespace: flux-system}
spec:
  interval: 10m
  path: ./clusters/prod
  prune: true
  sourceRef: {kind: GitRepository, name: shop}
`;
  const gitRepository = `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata: {name: shop, namespace: flux-system}
spec:
  interval: 1m
  url: https://git.example.com/shop.git
  ref: {branch: main}
`;

  it("accepts valid Application, Kustomization and GitRepository objects", () => {
    expect(problemsOf(application, "1.30")).toEqual([]);
    expect(problemsOf(kustomization, "1.30")).toEqual([]);
    expect(problemsOf(gitRepository, "1.18")).toEqual([]);
  });

  it("reports unknown fields as warnings (the controller may be newer) and wrong values as errors", () => {
    expect(lines(problemsOf(application.replace("selfHeal", "selfHeals"), "1.30"))).toEqual([
      "warning spec.syncPolicy.automated.selfHeals: unknown field `selfHeals` (did you mean `selfHeal`?) (not in the Argo CD/Flux schemas kforge ships; add the CRD to the linted files if your controller is newer)",
    ]);
    expect(lines(problemsOf(kustomization.replace("  sourceRef: {kind: GitRepository, name: shop}\n", "").replace("prune: true", "prune: yes please"), "1.30"))).toEqual([
      'error spec.prune: expected a boolean, got the string "yes please"',
      "error spec.sourceRef: missing required field `sourceRef`",
    ]);
  });

  it("lets a CRD in the linted set take precedence over the shipped schema", () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: gitrepositories.source.toolkit.fluxcd.io}
spec:
  group: source.toolkit.fluxcd.io
  names: {kind: GitRepository, plural: gitrepositories}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec: {type: object, properties: {url: {type: string}, interval: {type: string}, ref: {type: object, x-kubernetes-preserve-unknown-fields: true}, newField: {type: string}}}
`;
    expect(problemsOf(gitRepository.replace("  ref:", "  newField: x\n  ref:"), "1.30", crd)).toEqual([]);
  });
});
