import type { Resource } from "../resources/resource.js";
import type { StrictDefinitions } from "./openapi-definitions.js";
import { compareMinor } from "../render/kube-version.js";

/**
 * Schemas a repository imported with `kforge schemas import` (schemas/imported/): Kubernetes
 * releases kforge does not ship (or ships, overridden with --force), and named sets of
 * CustomResourceDefinitions installed outside the repository. The CLI registers the root's
 * imports at start (see src/schemas/imported-schemas.ts); schema-sets.ts and schema-ajv.ts
 * consult them like the shipped releases. Each registration replaces the previous one, so one
 * process can serve several repositories in turn.
 */
export interface ImportedRelease {
  /** "1.37" */
  version: string;
  /** What it was imported from, as its file says. */
  source: string;
  /** The file, relative to the repository root. */
  file: string;
  strict: StrictDefinitions;
}

export interface ImportedCrdSet {
  name: string;
  /** The file, relative to the repository root. */
  file: string;
  crds: Resource[];
}

let releases = new Map<string, ImportedRelease>();
let crdSets = new Map<string, ImportedCrdSet>();

export function registerImports(imports: { releases: readonly ImportedRelease[]; crdSets: readonly ImportedCrdSet[] }): void {
  releases = new Map(imports.releases.map((release) => [release.version, release]));
  crdSets = new Map(imports.crdSets.map((set) => [set.name, set]));
}

export function clearImports(): void {
  registerImports({ releases: [], crdSets: [] });
}

export function importedRelease(version: string): ImportedRelease | undefined {
  return releases.get(version);
}

/** Imported releases' versions ("1.37"), oldest first. */
export function importedVersions(): string[] {
  return [...releases.keys()].sort(compareMinor);
}

export function importedCrdSet(name: string): ImportedCrdSet | undefined {
  return crdSets.get(name);
}

export function importedCrdSetNames(): string[] {
  return [...crdSets.keys()].sort();
}

/** Every imported CRD, of every set: what `kforge lint PATH` validates custom resources with. */
export function allImportedCrds(): Resource[] {
  return [...crdSets.values()].flatMap((set) => set.crds);
}
