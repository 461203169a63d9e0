import { importedRelease, importedVersions } from "./imported-registry.js";
import { loadKindIndex, type KindIndex } from "./schema-bundle.js";
import { compareMinor } from "../render/kube-version.js";


/**
 * apiVersion -> kind -> releases serving it, of the shipped releases and the imported ones; an
 * imported release replaces a shipped one of its version.
 */
export function kindIndexWithImports(): KindIndex {
  const versions = importedVersions();
  const shipped = loadKindIndex();
  if (versions.length === 0) return shipped;
  const replaced = new Set(versions);
  const index: KindIndex = {};
  for (const [apiVersion, kinds] of Object.entries(shipped)) {
    for (const [kind, releases] of Object.entries(kinds)) {
      const kept = releases.filter((release) => !replaced.has(release));
      if (kept.length > 0) (index[apiVersion] ??= {})[kind] = kept;
    }
  }
  for (const version of versions) {
    for (const [apiVersion, kinds] of Object.entries(importedRelease(version)!.strict.kinds)) {
      for (const kind of Object.keys(kinds)) {
        const releases = ((index[apiVersion] ??= {})[kind] ??= []);
        releases.push(version);
        releases.sort(compareMinor);
      }
    }
  }
  return index;
}
