import type { Ajv, ValidateFunction } from "ajv";
import type { Resource } from "../resources/resource.js";
import { structuralToStrict } from "./structural-to-strict.js";
import type { JsonSchema } from "./value-schemas.js";

/** Custom resource kinds defined by the CustomResourceDefinitions found in the linted set. */
export interface CrdValidators {
  has(apiVersion: string, kind: string): boolean;
  validatorFor(apiVersion: string, kind: string): ValidateFunction | undefined;
}

/**
 * Reads spec.versions[].schema.openAPIV3Schema (apiextensions.k8s.io/v1, and v1beta1 per-version
 * schemas) or spec.validation.openAPIV3Schema (v1beta1). Schemas compile lazily into `ajv()` (built only then), whose
 * `objectMeta` reference validates each custom resource's metadata like any other object's.
 */
export function crdValidators(crds: readonly Resource[], ajv: () => Ajv, objectMeta: string): CrdValidators {
  const schemas = new Map<string, JsonSchema>();
  for (const crd of crds) {
    for (const [apiVersion, kind, schema] of crdVersions(crd.object as JsonSchema)) schemas.set(`${apiVersion} ${kind}`, schema);
  }
  const compiled = new Map<string, ValidateFunction>();
  return {
    has: (apiVersion, kind) => schemas.has(`${apiVersion} ${kind}`),
    validatorFor(apiVersion, kind) {
      const key = `${apiVersion} ${kind}`;
      const schema = schemas.get(key);
      if (!schema) return undefined;
      let validate = compiled.get(key);
      if (!validate) {
        validate = ajv().compile(rootSchema(schema, objectMeta));
        compiled.set(key, validate);
      }
      return validate;
    },
  };
}

function* crdVersions(crd: JsonSchema): Generator<[string, string, JsonSchema]> {
  if (crd.kind !== "CustomResourceDefinition" || !String(crd.apiVersion).startsWith("apiextensions.k8s.io/")) return;
  const spec = (crd.spec ?? {}) as JsonSchema;
  const group = spec.group;
  const kind = (spec.names as JsonSchema | undefined)?.kind;
  if (typeof group !== "string" || typeof kind !== "string") return;
  const shared = ((spec.validation as JsonSchema | undefined)?.openAPIV3Schema ?? undefined) as JsonSchema | undefined;
  const versions = Array.isArray(spec.versions) ? (spec.versions as JsonSchema[]) : typeof spec.version === "string" ? [{ name: spec.version }] : [];
  for (const version of versions) {
    const schema = ((version.schema as JsonSchema | undefined)?.openAPIV3Schema ?? shared) as JsonSchema | undefined;
    if (typeof version.name === "string" && schema && typeof schema === "object") yield [`${group}/${version.name}`, kind, schema];
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
