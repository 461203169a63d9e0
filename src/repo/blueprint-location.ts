import { lstatSync } from "node:fs";
import { join, posix, relative, sep } from "node:path";
import { PACKAGE_ROOT } from "../package-root.js";

/** Prefix of a release's `blueprint` that asks for kforge's own library explicitly: `kforge/web-app`. */
export const LIBRARY_PREFIX = "kforge/";

export interface BlueprintLocation {
  /** The blueprint's name (its folder name). */
  name: string;
  /** Where its files are, relative to the repository root, `/` separators (may start with ../ for the library). */
  dir: string;
  /** The repository's own blueprints/<name>, or the library shipped with kforge. */
  origin: "repository" | "library";
}

/**
 * Where a release's blueprint comes from. The repository's blueprints/<name> comes first, so a
 * team can copy a library blueprint and change it; without one, kforge's library serves it.
 * `kforge/<name>` always means the library.
 */
export function locateBlueprint(root: string, reference: string): BlueprintLocation {
  const explicit = reference.startsWith(LIBRARY_PREFIX);
  const name = explicit ? reference.slice(LIBRARY_PREFIX.length) : reference;
  const own = posix.join("blueprints", name);
  if (!explicit && (isFolder(join(root, own)) || !isFolder(join(PACKAGE_ROOT, "blueprints", name)))) return { name, dir: own, origin: "repository" };
  return { name, dir: relative(root, join(PACKAGE_ROOT, "blueprints", name)).split(sep).join("/") || ".", origin: "library" };
}

function isFolder(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
