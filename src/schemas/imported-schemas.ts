import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseManifests } from "../resources/parse-manifests.js";
import { registerImports, type ImportedCrdSet, type ImportedRelease } from "../validate/imported-registry.js";
import { ImportError } from "./import-error.js";
import { isCrd } from "./import-crds.js";
import { CRDS_DIR, IMPORTED_DIR, parseReleaseFile, releaseFileVersion } from "./imported-release-file.js";

/** A CRD set's name: names its file, and is what cluster files list. */
export const CRD_SET_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * The folder whose schemas/imported/ a command uses: --root when given, else the nearest folder
 * from `cwd` upwards with a clusters/ or schemas/imported/ folder, else `cwd`.
 */
export function importsRoot(cwd: string, flag?: string): string {
  if (flag) return resolve(cwd, flag);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "clusters")) || existsSync(join(dir, IMPORTED_DIR))) return dir;
    if (dirname(dir) === dir) return resolve(cwd);
  }
}

/**
 * Reads `root`'s schemas/imported/ (Kubernetes releases and CRD sets) and registers them, so
 * every later schema lookup of this process sees them; replaces what was registered before.
 * A malformed file is an ImportError at its line.
 */
export function useImportedSchemas(root: string): void {
  registerImports({ releases: readReleases(root), crdSets: readCrdSets(root) });
}

function readReleases(root: string): ImportedRelease[] {
  const releases: ImportedRelease[] = [];
  for (const name of list(join(root, IMPORTED_DIR))) {
    const version = releaseFileVersion(name);
    if (!version) continue;
    const file = `${IMPORTED_DIR}/${name}`;
    releases.push(parseReleaseFile(readFileSync(join(root, file), "utf8"), file, version));
  }
  return releases;
}

function readCrdSets(root: string): ImportedCrdSet[] {
  const sets: ImportedCrdSet[] = [];
  for (const entry of list(join(root, CRDS_DIR))) {
    const name = /^(.+)\.yaml$/.exec(entry)?.[1];
    if (!name) continue;
    const file = `${CRDS_DIR}/${entry}`;
    if (!CRD_SET_NAME.test(name)) throw new ImportError(`${file}: "${name}" is not a CRD set name (lowercase letters, digits and "-"); rename the file`);
    const parsed = parseManifests(readFileSync(join(root, file), "utf8"), file);
    const syntax = parsed.problems.find((p) => p.severity === "error");
    if (syntax) throw new ImportError(`${file}:${syntax.span.line}:${syntax.span.column}: ${syntax.message}`);
    sets.push({ name, file, crds: parsed.resources.filter((r) => isCrd(r.object)) });
  }
  return sets;
}

function list(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}
