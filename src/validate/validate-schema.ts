import type { ValidateFunction } from "ajv";
import type { Resource } from "../resources/resource.js";
import { crdValidators } from "./crd-validators.js";
import { describeSchemaErrors, type DescribeOptions } from "./describe-schema-error.js";
import { kindAvailability } from "./kind-availability.js";
import { atLeast, builtinDeprecations, parseKubeVersion } from "../lint/kube/deprecated-apis.js";
import { gitopsValidators, releaseValidators } from "./schema-ajv.js";
import { importedRelease } from "./imported-registry.js";
import { kindIndexWithImports } from "./kind-index-with-imports.js";
import type { SchemaProblem } from "./schema-problem.js";
import { isShippedMinor, resolveTarget, supportedVersionList, unsupportedVersionMessage } from "./schema-sets.js";
import type { KindIndex } from "./schema-bundle.js";
import { withoutNulls } from "./without-nulls.js";

export type { SchemaProblem, SchemaProblemCode } from "./schema-problem.js";

export interface SchemaValidator {
  /** The schemas used, e.g. "Kubernetes 1.30". */
  schemaSet: string;
  /** Problems of one resource; [] when valid or when its kind is left to `deprecated-api`. */
  validate(resource: Resource): SchemaProblem[];
  /** Whether a schema for this kind is known (target sets, CRDs in the set, shipped GitOps CRDs). */
  knows(apiVersion: string, kind: string): boolean;
}

/** Kubernetes versions with schemas: "1.16" to the newest. */
export function supportedKubernetesVersions(): string[] {
  return supportedVersionList();
}

/** Which schema set a target version uses ("1.30" -> Kubernetes 1.30); undefined if unsupported. */
export function resolveSchemaSet(version: string): { set: string } | undefined {
  const target = resolveTarget(version);
  return target && { set: target.name };
}

const STRICT: DescribeOptions = { unknownField: "error" };
// Shipped Argo CD / Flux schemas may be older than the controller in the cluster.
const GITOPS: DescribeOptions = { unknownField: "warning", unknownFieldNote: "(not in the Argo CD/Flux schemas kforge ships; add the CRD to the linted files if your controller is newer)" };

/**
 * Strict, offline schema validation for one Kubernetes version. Throws for an unsupported
 * version: that is a configuration error, not a finding. Compiled schemas are shared process-wide.
 */
export function createSchemaValidator(options: { kubernetesVersion: string; crds?: Resource[] }): SchemaValidator {
  const target = resolveTarget(options.kubernetesVersion);
  const release = target && releaseValidators(target.version);
  if (!target || !release) throw new Error(unsupportedVersionMessage(options.kubernetesVersion));
  const crds = crdValidators(options.crds ?? [], { definitions: () => release.definitions() }, release.objectMetaRef);
  const gitops = gitopsValidators();
  const index = kindIndexWithImports();

  const run = (validate: ValidateFunction, object: unknown, how: DescribeOptions): SchemaProblem[] =>
    validate(object) ? [] : describeSchemaErrors(validate.errors ?? [], object, how);

  const validate = (resource: Resource): SchemaProblem[] => {
    const apiVersion = String(resource.object.apiVersion);
    const kind = String(resource.object.kind);
    const object = withoutNulls(resource.object);
    const fromCrd = crds.validatorFor(apiVersion, kind);
    if (fromCrd) return run(fromCrd, object, STRICT);
    const unusable = crds.unusable(apiVersion, kind);
    if (unusable) return [{ path: ["kind"], severity: "warning", code: "crd-schema-unusable", message: `${apiVersion} ${kind} was not schema-checked: ${unusable}` }];
    const builtIn = release.validatorFor(apiVersion, kind);
    if (builtIn) return run(builtIn, object, STRICT);
    const fromGitops = gitops.validatorFor(apiVersion, kind);
    if (fromGitops) return run(fromGitops, object, GITOPS);
    return notServed(index, target.version, apiVersion, kind);
  };

  const knows = (apiVersion: string, kind: string): boolean => crds.has(apiVersion, kind) || release.has(apiVersion, kind) || gitops.has(apiVersion, kind);

  return { schemaSet: target.name, validate, knows };
}

/** Why a kind the release does not serve is rejected, naming what the release serves instead. */
function notServed(index: KindIndex, version: string, apiVersion: string, kind: string): SchemaProblem[] {
  const availability = kindAvailability(index, version, apiVersion, kind);
  // An imported release replacing a shipped one may leave kinds out: only a removal is certain.
  const uncertain = availability.status === "not-yet" && importedRelease(version) !== undefined && isShippedMinor(Number(version.split(".")[1]));
  if (availability.status === "unknown" || uncertain) {
    return [{ path: ["kind"], severity: "warning", code: "no-schema", message: `no schema for ${apiVersion} ${kind}: not a Kubernetes ${version} kind, and no CustomResourceDefinition in the linted files defines it; it was not validated` }];
  }
  const instead = availability.servedInstead.length > 0 ? `; Kubernetes ${version} serves ${kind} as ${availability.servedInstead.join(", ")}` : "";
  if (availability.status === "removed") {
    // The deprecated-api rule reports removals it knows, with the migration notes.
    if (removalKnown(apiVersion, kind, version)) return [];
    return [{
      path: ["apiVersion"], severity: "error", code: "kind-not-in-version",
      message: `${apiVersion} ${kind} is no longer served by Kubernetes ${version} (last served in ${availability.lastIn})${instead}`,
      remediation: `migrate to an apiVersion that Kubernetes ${version} serves`,
    }];
  }
  return [{
    path: ["apiVersion"], severity: "error", code: "kind-not-in-version",
    message: `${apiVersion} ${kind} is not served by Kubernetes ${version}: it is served from ${availability.firstIn}${instead}`,
    remediation: `use an apiVersion that Kubernetes ${version} serves, or (in a blueprint) emit this one only {{#if (kubeAtLeast "${availability.firstIn}")}}`,
  }];
}

function removalKnown(apiVersion: string, kind: string, version: string): boolean {
  const target = parseKubeVersion(version);
  return target !== undefined && builtinDeprecations().some((entry) => entry.apiVersion === apiVersion && entry.kind === kind && entry.removedIn !== undefined && atLeast(target, entry.removedIn));
}
