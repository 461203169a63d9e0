import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * The kforge package folder (holds schemas/, data/, blueprints/ and dist/): the nearest folder
 * above this module whose package.json names kforge. Found the same way from src/ (tests), from
 * dist/ and from the bundled CLI, whose modules sit at other depths.
 */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "kforge") return dir;
    if (dirname(dir) === dir) throw new Error(`kforge's package.json was not found above ${start}: the installation is incomplete; reinstall kforge`);
  }
}

/** A file or folder of the package (`schemas/kubernetes/`: a trailing slash for a folder) as a URL. */
export function packageUrl(relative: string): URL {
  return new URL(relative, pathToFileURL(`${PACKAGE_ROOT}/`));
}
