/** Characters a Kubernetes name may have that are safe in a file name; anything else is refused. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/**
 * Deterministic file name for a rendered resource: `<kind>-<name>.yaml`, lowercased. Names can
 * come from values, so anything that could leave the folder (`/`, `..`, a leading dot) is
 * rejected rather than cleaned up.
 */
export function resourceFileName(kind: string, name: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(kind) || !SAFE_NAME.test(name) || name.includes("..")) return undefined;
  return `${kind.toLowerCase()}-${name.toLowerCase().replace(/:/g, "_")}.yaml`;
}
