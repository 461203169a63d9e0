import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { importedRelease, type ImportedRelease } from "./imported-registry.js";
import { linearRegExp } from "./linear-regexp.js";
import { loadGitopsBundle, loadKubernetesBundle, loadKubernetesReleases, type KindMap } from "./schema-bundle.js";
import { firstReleaseOf, loadPrecompiledValidators } from "./standalone-validators.js";

// ajv-formats is CommonJS; under NodeNext its default export sits one level down.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv, formats: string[]) => void;

/**
 * Validators for the kinds of one Kubernetes release, or of the GitOps CRDs. Each kind is
 * compiled (or loaded precompiled) on first use and kept for the process.
 */
export interface BundleValidators {
  /** Reference to the ObjectMeta definition (`bundle#/definitions/...`), for CRD schemas to `$ref`. */
  objectMetaRef: string;
  /** The definitions the kinds are compiled against (id `bundle`); CRD validators compile against them too. */
  definitions(): Record<string, unknown>;
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

let kubernetesAjv: Ajv | undefined;

/** One ajv per process holding every shipped Kubernetes definition (id `bundle`), built on first compile. */
function sharedKubernetesAjv(): Ajv {
  if (!kubernetesAjv) {
    kubernetesAjv = createManifestAjv();
    kubernetesAjv.addSchema({ $id: "bundle", definitions: loadKubernetesBundle().definitions });
  }
  return kubernetesAjv;
}

const releases = new Map<string, BundleValidators>();

const imported = new WeakMap<ImportedRelease, BundleValidators>();

/**
 * Validators of one Kubernetes release ("1.30"); undefined when kforge has no schemas for it.
 * A release the repository imported comes first (it may override a shipped one).
 */
export function releaseValidators(release: string): BundleValidators | undefined {
  const own = importedRelease(release);
  if (own) return importedValidators(own);
  let validators = releases.get(release);
  if (!validators) {
    const entry = loadKubernetesReleases()[release];
    if (!entry) return undefined;
    validators = createValidators(entry.kinds, `bundle#/definitions/${entry.objectMeta}`, sharedKubernetesAjv, () => loadKubernetesBundle().definitions, (key) => loadPrecompiledValidators({ firstIn: firstReleaseOf(key) })?.[key]);
    releases.set(release, validators);
  }
  return validators;
}

/** An imported release: its own ajv, each kind compiled on first use. */
function importedValidators(release: ImportedRelease): BundleValidators {
  let validators = imported.get(release);
  if (!validators) {
    let ajv: Ajv | undefined;
    const releaseAjv = () => {
      if (!ajv) {
        ajv = createManifestAjv();
        ajv.addSchema({ $id: "bundle", definitions: release.strict.definitions });
      }
      return ajv;
    };
    validators = createValidators(release.strict.kinds, "bundle#/definitions/meta.v1.ObjectMeta", releaseAjv, () => release.strict.definitions, () => undefined);
    imported.set(release, validators);
  }
  return validators;
}

let gitops: BundleValidators | undefined;

/** Validators of the Argo CD and Flux kinds kforge ships. */
export function gitopsValidators(): BundleValidators {
  if (!gitops) {
    const bundle = loadGitopsBundle();
    let ajv: Ajv | undefined;
    const gitopsAjv = () => {
      if (!ajv) {
        ajv = createManifestAjv();
        ajv.addSchema({ $id: "bundle", definitions: bundle.definitions });
      }
      return ajv;
    };
    gitops = createValidators(bundle.kinds, "bundle#/definitions/meta.v1.ObjectMeta", gitopsAjv, () => bundle.definitions, (key) => loadPrecompiledValidators("gitops")?.[key]);
  }
  return gitops;
}

/**
 * Validators of a kind map: precompiled at build time when dist/validators/ has them, else each
 * kind compiled on first use. The ajv is only built when something compiles.
 */
function createValidators(kinds: KindMap, objectMetaRef: string, ajv: () => Ajv, definitions: () => Record<string, unknown>, precompiled: (key: string) => ValidateFunction | undefined): BundleValidators {
  // Precompiled files are loaded on first use: a run that meets no kind of a file never loads its code.
  const compiled = new Map<string, ValidateFunction>();
  return {
    objectMetaRef,
    definitions,
    has: (apiVersion, kind) => kinds[apiVersion]?.[kind] !== undefined,
    validatorFor(apiVersion, kind) {
      const key = kinds[apiVersion]?.[kind];
      if (!key) return undefined;
      let validate = compiled.get(key);
      if (!validate) {
        validate = precompiled(key) ?? ajv().compile({ $ref: `bundle#/definitions/${key}` });
        compiled.set(key, validate);
      }
      return validate;
    },
  };
}
