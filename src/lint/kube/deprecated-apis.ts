import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { readDocumentsFast } from "../../yaml/fast-read.js";
import { packageUrl } from "../../package-root.js";

/** One deprecated built-in apiVersion/kind (data/deprecated-apis.yaml, schemas/deprecated-apis.schema.json). */
export interface DeprecatedApi {
  apiVersion: string;
  kind: string;
  deprecatedIn: string;
  /** Absent when no removal is scheduled. */
  removedIn?: string;
  /** apiVersion, optionally followed by a kind ("resource.k8s.io/v1alpha3 DeviceClass"); null: no successor. */
  replacement: string | null;
  replacementSince?: string;
  note?: string;
}

/** A Kubernetes minor release as [major, minor]. */
export type KubeVersion = readonly [number, number];

const DATA_URL = packageUrl("data/deprecated-apis.yaml");
const SCHEMA_URL = packageUrl("schemas/deprecated-apis.schema.json");

/** The table's JSON Schema; its `items` is the entry shape the rule's options reuse. */
export const DEPRECATED_APIS_SCHEMA = JSON.parse(readFileSync(SCHEMA_URL, "utf8")) as { items: Record<string, unknown> };

let builtin: readonly DeprecatedApi[] | undefined;

/**
 * The shipped table, read once. It ships with kforge and `npm test` checks it against
 * schemas/deprecated-apis.schema.json, so it is not validated again on every run.
 */
export function builtinDeprecations(): readonly DeprecatedApi[] {
  if (builtin) return builtin;
  const text = readFileSync(DATA_URL, "utf8");
  const data: unknown = readDocumentsFast(text)?.[0] ?? parse(text);
  builtin = data as DeprecatedApi[];
  return builtin;
}

/** "1.22", "v1.22.3" -> [1, 22]; anything else -> undefined. */
export function parseKubeVersion(value: unknown): KubeVersion | undefined {
  if (typeof value !== "string") return undefined;
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(value.trim());
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** True when release `a` is `b` or later. */
export function atLeast(a: KubeVersion, b: string | undefined): boolean {
  const other = parseKubeVersion(b);
  if (!other) return false;
  return a[0] !== other[0] ? a[0] > other[0] : a[1] >= other[1];
}

/** Looks entries up by apiVersion and kind; later entries (policy extras) win over earlier ones. */
export class DeprecationTable {
  private readonly byKey = new Map<string, DeprecatedApi>();

  constructor(entries: readonly DeprecatedApi[]) {
    for (const entry of entries) this.byKey.set(`${entry.apiVersion} ${entry.kind}`, entry);
  }

  find(apiVersion: string, kind: string): DeprecatedApi | undefined {
    return this.byKey.get(`${apiVersion} ${kind}`);
  }

  /**
   * Another version of the same kind that `target` serves and has not deprecated yet, for when
   * the real replacement comes later (extensions/v1beta1 Ingress on 1.18: networking.k8s.io/v1beta1
   * now, networking.k8s.io/v1 from 1.19).
   */
  interim(entry: DeprecatedApi, target: KubeVersion): DeprecatedApi | undefined {
    return [...this.byKey.values()].find((other) =>
      other.kind === entry.kind && other.apiVersion !== entry.apiVersion && !atLeast(target, other.deprecatedIn) && other.replacement?.split(" ")[0] === entry.replacement?.split(" ")[0],
    );
  }

  /**
   * What to migrate to at `target`: follows replacements that are themselves deprecated or removed
   * there (extensions/v1beta1 PodSecurityPolicy -> policy/v1beta1 -> nothing) while the next step
   * is served at `target`.
   */
  successor(entry: DeprecatedApi, target: KubeVersion): { apiVersion: string; kind: string; since?: string } | { note?: string } {
    let current = entry;
    for (let hop = 0; hop < 10; hop++) {
      if (current.replacement === null) return { note: current.note };
      const [apiVersion, kind = current.kind] = current.replacement.split(" ");
      const next = this.find(apiVersion, kind);
      const step = { apiVersion, kind, since: current.replacementSince };
      if (!next || !atLeast(target, next.deprecatedIn)) return step;
      if (next.replacement !== null && next.replacementSince !== undefined && !atLeast(target, next.replacementSince)) return step;
      current = next;
    }
    return { note: current.note };
  }
}
