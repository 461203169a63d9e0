import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { linearRegExp } from "./linear-regexp.js";
import { loadBundle, type SchemaBundle } from "./schema-bundle.js";
import { loadPrecompiledValidators } from "./standalone-validators.js";

// ajv-formats is CommonJS; under NodeNext its default export sits one level down.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv, formats: string[]) => void;

/**
 * Validators for the kinds of one shipped bundle. One ajv per bundle per process; each kind is
 * compiled on first use and kept, so no resource ever triggers a compilation of its own.
 */
export interface BundleValidators {
  bundle: SchemaBundle;
  /** The ajv holding the bundle (id `bundle`), so CRD schemas can `$ref` its ObjectMeta. */
  ajv: Ajv;
  has(apiVersion: string, kind: string): boolean;
  validatorFor(apiVersion: string, kind: string): ValidateFunction | undefined;
}

/**
 * Ajv options for manifests: every error (each typo reported), with schemas on errors for messages.
 * At run time patterns run on RE2 (CRD schemas come from pull requests); validators precompiled at
 * build time from the shipped Kubernetes schemas use JavaScript's engine (`linear: false`).
 */
export function createManifestAjv({ linear = true }: { linear?: boolean } = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true, strict: false, validateSchema: false, addUsedSchema: false, ...(linear ? { code: { regExp: linearRegExp } } : {}) });
  addFormats(ajv, ["int32", "int64", "double", "date-time", "byte"]);
  return ajv;
}

const cache = new Map<string, BundleValidators>();

export function bundleValidators(file: string): BundleValidators {
  let validators = cache.get(file);
  if (!validators) {
    validators = createBundleValidators(file, loadBundle(file));
    cache.set(file, validators);
  }
  return validators;
}

/**
 * Validators of a bundle: precompiled at build time when dist/validators/ has them, else each
 * kind compiled on first use. The ajv holding the bundle is only built when something compiles.
 */
function createBundleValidators(file: string, bundle: SchemaBundle): BundleValidators {
  let ajv: Ajv | undefined;
  const bundleAjv = () => {
    if (!ajv) {
      ajv = createManifestAjv();
      ajv.addSchema({ $id: "bundle", definitions: bundle.definitions });
    }
    return ajv;
  };
  // Loaded on first use: a run that meets no kind of this bundle never loads its code.
  let precompiled: Record<string, ValidateFunction> | undefined | null = null;
  const compiled = new Map<string, ValidateFunction>();
  return {
    bundle,
    get ajv() {
      return bundleAjv();
    },
    has: (apiVersion, kind) => bundle.kinds[apiVersion]?.[kind] !== undefined,
    validatorFor(apiVersion, kind) {
      const name = bundle.kinds[apiVersion]?.[kind];
      if (!name) return undefined;
      if (precompiled === null) precompiled = loadPrecompiledValidators(file);
      let validate = precompiled?.[name] ?? compiled.get(name);
      if (!validate) {
        validate = bundleAjv().compile({ $ref: `bundle#/definitions/${name}` });
        compiled.set(name, validate);
      }
      return validate;
    },
  };
}
