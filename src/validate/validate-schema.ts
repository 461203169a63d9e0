import type { ValidateFunction } from "ajv";
import type { Resource } from "../resources/resource.js";
import { crdValidators } from "./crd-validators.js";
import { describeSchemaErrors, type DescribeOptions } from "./describe-schema-error.js";
import { kindAvailability } from "./kind-availability.js";
import { bundleValidators } from "./schema-ajv.js";
import { GITOPS_CRDS_FILE, kubernetesBundleFile, loadKindIndex } from "./schema-bundle.js";
import type { SchemaProblem } from "./schema-problem.js";
import { resolveTarget, supportedVersionList, SUPPORTED_MINORS } from "./schema-sets.js";
import { withoutNulls } from "./without-nulls.js";

export type { SchemaProblem, SchemaProblemCode } from "./schema-problem.js";

export interface SchemaValidator {
  /** The schemas used, e.g. "kubernetes-types 1.30" or "kubernetes-types 1.17 + 1.21". */
  schemaSet: string;
  /** Set when the target has no set of its own (how it is checked instead). */
  note?: string;
  /** Problems of one resource; [] when valid or when its kind is left to `deprecated-api`. */
  validate(resource: Resource): SchemaProblem[];
  /** Whether a schema for this kind is known (target sets, CRDs in the set, shipped GitOps CRDs). */
  knows(apiVersion: string, kind: string): boolean;
}

/** Kubernetes versions with schemas: "1.16" to "1.30". */
export function supportedKubernetesVersions(): string[] {
  return supportedVersionList();
}

/** Which schema set a target version uses ("1.18" -> kubernetes-types 1.17 + 1.21); undefined if unsupported. */
export function resolveSchemaSet(version: string): { set: string; note?: string } | undefined {
  const target = resolveTarget(version);
  return target && (target.note ? { set: target.name, note: target.note } : { set: target.name });
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
  if (!target) {
    throw new Error(`Kubernetes version "${options.kubernetesVersion}" is not supported: kforge has schemas for 1.${SUPPORTED_MINORS.min} to 1.${SUPPORTED_MINORS.max}`);
  }
  const sets = target.sets.map((set) => bundleValidators(kubernetesBundleFile(set.version)));
  const primary = sets[0];
  const crds = crdValidators(options.crds ?? [], () => primary.ajv, "bundle#/definitions/meta.v1.ObjectMeta");
  const gitops = bundleValidators(GITOPS_CRDS_FILE);

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
    const withKind = sets.filter((set) => set.has(apiVersion, kind));
    if (withKind.length > 0) {
      // Between two sets: report only what every set that has the kind rejects.
      let problems = run(withKind[0].validatorFor(apiVersion, kind)!, object, STRICT);
      for (const other of withKind.slice(1)) {
        if (problems.length === 0) break;
        problems = agreedProblems(problems, run(other.validatorFor(apiVersion, kind)!, object, STRICT));
      }
      return problems;
    }
    const fromGitops = gitops.validatorFor(apiVersion, kind);
    if (fromGitops) return run(fromGitops, object, GITOPS);
    const availability = kindAvailability(loadKindIndex(), target, apiVersion, kind);
    if (availability.status === "removed") return [];
    if (availability.status === "not-yet") {
      return [{ path: ["apiVersion"], severity: "error", code: "kind-not-in-version", message: `${apiVersion} ${kind} does not exist in Kubernetes ${target.version} (kforge's schemas have it from kubernetes-types ${availability.firstIn})` }];
    }
    return [{ path: ["kind"], severity: "warning", code: "no-schema", message: `no schema for ${apiVersion} ${kind}: not a Kubernetes ${target.version} kind (${target.name}), and no CustomResourceDefinition in the linted files defines it; it was not validated` }];
  };

  const knows = (apiVersion: string, kind: string): boolean =>
    crds.has(apiVersion, kind) || sets.some((set) => set.has(apiVersion, kind)) || gitops.has(apiVersion, kind);

  return target.note ? { schemaSet: target.name, note: target.note, validate, knows } : { schemaSet: target.name, validate, knows };
}

/** Problems both sets report; an unknown-field message with a suggestion wins over one without. */
function agreedProblems(nearest: SchemaProblem[], other: SchemaProblem[]): SchemaProblem[] {
  const key = (problem: SchemaProblem) => `${problem.code}|${problem.path.join("\u0000")}`;
  const others = new Map(other.map((problem) => [key(problem), problem]));
  return nearest.flatMap((problem) => {
    const match = others.get(key(problem));
    if (!match) return [];
    return [problem.code === "unknown-field" && match.message.length > problem.message.length ? match : problem];
  });
}
