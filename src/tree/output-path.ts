import { posix } from "node:path";

/** Characters that end or change a line in YAML 1.1 or 1.2, and every other control character. */
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * The one way a generated file's path is made: `folder/segment/...`, checked after
 * normalisation. Each segment must be a plain file or folder name (no `/`, no `.` or `..`, no
 * control character) and the result must lie inside `folder` (a cluster's own folder). Throws,
 * because a caller that gets here with an unchecked name is a bug, not a user error: names are
 * validated, with positions, before they are turned into paths.
 */
export function outputPath(folder: string, ...segments: string[]): string {
  for (const segment of segments) {
    if (segment === "" || segment === "." || segment === ".." || segment.includes("/") || segment.includes("\\") || CONTROL_CHARACTER.test(segment)) {
      throw new Error(`refusing to build an output path from ${JSON.stringify(segment)}`);
    }
  }
  const path = posix.normalize(posix.join(folder, ...segments));
  if (!path.startsWith(`${posix.normalize(folder)}/`)) throw new Error(`refusing to write ${JSON.stringify(path)}: it is outside ${folder}`);
  return path;
}
