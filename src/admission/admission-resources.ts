import type { Resource } from "../resources/resource.js";
import { apiGroupOf } from "../lint/kube/api-kinds.js";
import { isObject } from "../lint/kube/workloads.js";

/** Group, version and resource (plural) of an object, as the API server addresses it. */
export interface GroupVersionResource {
  group: string;
  version: string;
  resource: string;
}

/**
 * The plural resource name the API server guesses from a kind (UnsafeGuessKindToResource):
 * lower-case; "y" after a consonant becomes "ies"; s, x, z, ch and sh endings take "es".
 */
export function guessResource(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower === "") return lower;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}

/** Resource names of custom kinds, from the CRDs of a set: "example.com/Widget" -> "widgets". */
export function crdPlurals(resources: readonly Resource[]): Map<string, string> {
  const plurals = new Map<string, string>();
  for (const resource of resources) {
    if (resource.object.kind !== "CustomResourceDefinition" || apiGroupOf(resource.object.apiVersion) !== "apiextensions.k8s.io") continue;
    const spec = resource.object.spec;
    if (!isObject(spec) || typeof spec.group !== "string" || !isObject(spec.names)) continue;
    const { kind, plural } = spec.names;
    if (typeof kind === "string" && typeof plural === "string") plurals.set(`${spec.group}/${kind}`, plural);
  }
  return plurals;
}

export function resourceOf(object: Resource["object"], plurals: ReadonlyMap<string, string>): GroupVersionResource {
  const apiVersion = String(object.apiVersion ?? "");
  const group = apiGroupOf(apiVersion);
  const version = apiVersion.slice(apiVersion.lastIndexOf("/") + 1);
  const kind = String(object.kind ?? "");
  return { group, version, resource: plurals.get(`${group}/${kind}`) ?? guessResource(kind) };
}

/**
 * A value as CEL sees an object the API server decoded from JSON: whole numbers are ints,
 * other numbers doubles; everything else as it is.
 */
export function toCel(value: unknown): unknown {
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCel);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = toCel(item);
    return out;
  }
  return value ?? null;
}
