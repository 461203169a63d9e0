import { createHash } from "node:crypto";
import { objectNameProblem } from "../resources/kube-names.js";

const KIND = /^[A-Za-z][A-Za-z0-9]*$/;
/** File systems take 255 bytes a name; the temporary file beside it adds about 25. */
const MAX_FILE_NAME = 200;

/**
 * Deterministic file name for a rendered resource: `<kind>-<name>.yaml`, lowercased. The name
 * must be one the API server accepts (see kube-names.ts), so it never holds `/`, `..` or a line
 * break; a long name is cut and given a hash of the whole, so that a 253-character name still
 * fits a file name and two long names never share one. Undefined when kind or name is invalid.
 */
export function resourceFileName(kind: string, name: string): string | undefined {
  if (!KIND.test(kind) || objectNameProblem(name) !== undefined) return undefined;
  const stem = `${kind.toLowerCase()}-${name.toLowerCase().replace(/:/g, "_")}`;
  if (stem.length + ".yaml".length <= MAX_FILE_NAME) return `${stem}.yaml`;
  const hash = createHash("sha256").update(`${kind}/${name}`).digest("hex").slice(0, 12);
  return `${stem.slice(0, MAX_FILE_NAME - hash.length - ".yaml".length - 1)}-${hash}.yaml`;
}
