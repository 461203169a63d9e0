import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import type { JsonSchema } from "./value-schemas.js";

/** One shipped schema file: strict JSON Schemas of the kinds one source defines. */
export interface SchemaBundle {
  /** "kubernetes-types 1.30", "Argo CD and Flux CRDs". */
  name: string;
  /** npm packages and versions it was generated from. */
  sources: string[];
  /** apiVersion -> kind -> definition name. */
  kinds: Record<string, Record<string, string>>;
  definitions: Record<string, JsonSchema>;
}

/** apiVersion -> kind -> the set versions ("1.17", ...) that define it. */
export type KindIndex = Record<string, Record<string, string[]>>;

export const SCHEMA_FOLDER = new URL("../../schemas/kubernetes/", import.meta.url);
export const GITOPS_CRDS_FILE = "gitops-crds.json.gz";
export const KIND_INDEX_FILE = "kinds.json";

export function kubernetesBundleFile(version: string): string {
  return `kubernetes-types-${version}.json.gz`;
}

const bundles = new Map<string, SchemaBundle>();

/** Reads a shipped bundle once per process. */
export function loadBundle(file: string): SchemaBundle {
  let bundle = bundles.get(file);
  if (!bundle) {
    bundle = JSON.parse(gunzipSync(readFileSync(new URL(file, SCHEMA_FOLDER))).toString("utf8")) as SchemaBundle;
    bundles.set(file, bundle);
  }
  return bundle;
}

let kindIndex: KindIndex | undefined;

export function loadKindIndex(): KindIndex {
  kindIndex ??= JSON.parse(readFileSync(new URL(KIND_INDEX_FILE, SCHEMA_FOLDER), "utf8")) as KindIndex;
  return kindIndex;
}

export function schemaFolderPath(): URL {
  return SCHEMA_FOLDER;
}
