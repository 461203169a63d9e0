import type { KubeObject } from "../resources/resource.js";

export const REDACTED = "<redacted>";
export const REDACTED_CHANGED = "<redacted, changed>";
const SECRET_FIELDS = ["data", "stringData"] as const;

export function isSecret(object: KubeObject | undefined): boolean {
  return object?.kind === "Secret";
}

/**
 * A copy of a Secret with every data/stringData value replaced, so no value reaches a diff, a
 * terminal or a pull request. Keys stay visible. With `other` (the same Secret on the other
 * side), a value that differs from it reads "<redacted, changed>", so the patch still shows
 * that it changed. Anything that is not a Secret is returned as is.
 */
export function redactSecret(object: KubeObject, other?: KubeObject): KubeObject {
  if (!isSecret(object)) return object;
  const copy = structuredClone(object) as Record<string, unknown>;
  for (const field of SECRET_FIELDS) {
    const values = copy[field];
    if (!isMapping(values)) continue;
    const before = other && isSecret(other) ? (other as Record<string, unknown>)[field] : undefined;
    for (const key of Object.keys(values)) {
      const changed = isMapping(before) && key in before && before[key] !== values[key];
      values[key] = changed ? REDACTED_CHANGED : REDACTED;
    }
  }
  return copy as KubeObject;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
