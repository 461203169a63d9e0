import type { ValidateFunction } from "ajv";
import type { FieldPath, Resource } from "../resources/resource.js";
import { crdSchemaProblems } from "./crd-schema-problems.js";
import { structuralToStrict } from "./structural-to-strict.js";
import { compileCrdValidator, type CrdCompileTarget } from "./crd-validator-cache.js";
import type { JsonSchema } from "./value-schemas.js";

/** Custom resource kinds defined by the CustomResourceDefinitions found in the linted set. */
export interface CrdValidators {
  has(apiVersion: string, kind: string): boolean;
  validatorFor(apiVersion: string, kind: string): ValidateFunction | undefined;
  /**
   * Why objects of this kind cannot be checked: its CRD's schema is invalid (the `crd-schema`
   * rule reports where) or does not compile. Undefined when validatorFor gives a validator.
   */
  unusable(apiVersion: string, kind: string): string | undefined;
}

/** One served version of a CRD: its schema and where that schema is in the CRD. */
export interface CrdVersion {
  apiVersion: string;
  kind: string;
  schema: JsonSchema;
  /** Path of the openAPIV3Schema in the CRD object. */
  path: FieldPath;
  /** apiextensions.k8s.io/v1, which requires a structural schema. */
  structural: boolean;
}

/**
 * Reads spec.versions[].schema.openAPIV3Schema (apiextensions.k8s.io/v1, and v1beta1 per-version
 * schemas) or spec.validation.openAPIV3Schema (v1beta1). Schemas compile lazily against `target`'s definitions,
 * whose `objectMeta` reference validates each custom resource's metadata like any other object's; with a
 * cache folder (useCrdCache), compiled code is kept there and loaded by later runs.
 */
export function crdValidators(crds: readonly Resource[], target: CrdCompileTarget, objectMeta: string): CrdValidators {
  const schemas = new Map<string, JsonSchema>();
  const structural = new Set<JsonSchema>();
  for (const crd of crds) {
    for (const version of crdVersions(crd.object as JsonSchema)) {
      schemas.set(`${version.apiVersion} ${version.kind}`, version.schema);
      if (version.structural) structural.add(version.schema);
    }
  }
  const compiled = new Map<string, ValidateFunction>();
  const unusable = new Map<string, string>();
  const validatorFor = (apiVersion: string, kind: string): ValidateFunction | undefined => {
    const key = `${apiVersion} ${kind}`;
    const schema = schemas.get(key);
    if (!schema || unusable.has(key)) return undefined;
    let validate = compiled.get(key);
    if (validate) return validate;
    if (crdSchemaProblems(schema, { structural: structural.has(schema) }).length > 0) {
      unusable.set(key, "its CustomResourceDefinition's schema is invalid (see the crd-schema finding)");
      return undefined;
    }
    try {
      validate = compileCrdValidator(rootSchema(schema, objectMeta), target);
    } catch (error) {
      // A schema the structural check let through but the validator cannot use: a finding, not a crash.
      unusable.set(key, `its CustomResourceDefinition's schema cannot be used: ${(error as Error).message}`);
      return undefined;
    }
    compiled.set(key, validate);
    return validate;
  };
  return {
    has: (apiVersion, kind) => schemas.has(`${apiVersion} ${kind}`),
    validatorFor,
    unusable(apiVersion, kind) {
      validatorFor(apiVersion, kind);
      return unusable.get(`${apiVersion} ${kind}`);
    },
  };
}

/** The versions a CustomResourceDefinition defines, each with its schema; nothing for other objects. */
export function* crdVersions(crd: JsonSchema): Generator<CrdVersion> {
  if (crd.kind !== "CustomResourceDefinition" || !String(crd.apiVersion).startsWith("apiextensions.k8s.io/")) return;
  const spec = (crd.spec ?? {}) as JsonSchema;
  const group = spec.group;
  const kind = (spec.names as JsonSchema | undefined)?.kind;
  if (typeof group !== "string" || typeof kind !== "string") return;
  const shared = ((spec.validation as JsonSchema | undefined)?.openAPIV3Schema ?? undefined) as JsonSchema | undefined;
  const versions = Array.isArray(spec.versions) ? (spec.versions as JsonSchema[]) : typeof spec.version === "string" ? [{ name: spec.version }] : [];
  for (const [index, version] of versions.entries()) {
    const own = (version.schema as JsonSchema | undefined)?.openAPIV3Schema as JsonSchema | undefined;
    const schema = own ?? shared;
    const path = own ? ["spec", "versions", index, "schema", "openAPIV3Schema"] : ["spec", "validation", "openAPIV3Schema"];
    const structural = crd.apiVersion === "apiextensions.k8s.io/v1";
    if (typeof version.name === "string" && schema && typeof schema === "object") yield { apiVersion: `${group}/${version.name}`, kind, schema, path, structural };
  }
}

function rootSchema(schema: JsonSchema, objectMeta: string): JsonSchema {
  const strict = structuralToStrict(schema);
  const properties = { ...((strict.properties ?? {}) as Record<string, JsonSchema>) };
  properties.apiVersion = { type: "string" };
  properties.kind = { type: "string" };
  properties.metadata = { $ref: objectMeta };
  return { ...strict, type: "object", properties, additionalProperties: strict.additionalProperties ?? false };
}
