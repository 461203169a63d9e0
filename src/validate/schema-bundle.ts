import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import type { JsonSchema } from "./value-schemas.js";
import { packageUrl } from "../package-root.js";
import { compareMinor } from "../render/kube-version.js";

/** apiVersion -> kind -> definition key. */
export type KindMap = Record<string, Record<string, string>>;

/** The Kubernetes API of every supported release, each distinct definition stored once. */
export interface KubernetesBundle {
  name: string;
  /** What it was generated from. */
  sources: string[];
  /** Release ("1.30") -> the kinds it serves and the key of its ObjectMeta. */
  releases: Record<string, { kinds: KindMap; objectMeta: string }>;
  /** Key ("core.v1.PodSpec@1.30": name and first release with that shape) -> strict schema. */
  definitions: Record<string, JsonSchema>;
}

/** One schema file of kinds from one source: the Argo CD and Flux CRDs. */
export interface SchemaBundle {
  name: string;
  sources: string[];
  kinds: KindMap;
  definitions: Record<string, JsonSchema>;
}

export const SCHEMA_FOLDER = packageUrl("schemas/kubernetes/");
export const KUBERNETES_FILE = "kubernetes.json.gz";
export const GITOPS_CRDS_FILE = "gitops-crds.json.gz";

const files = new Map<string, unknown>();

function readGzippedJson<T>(file: string): T {
  let value = files.get(file);
  if (value === undefined) {
    value = JSON.parse(gunzipSync(readFileSync(new URL(file, SCHEMA_FOLDER))).toString("utf8"));
    files.set(file, value);
  }
  return value as T;
}

/** The shipped Kubernetes schemas, read once per process. */
export function loadKubernetesBundle(): KubernetesBundle {
  return readGzippedJson<KubernetesBundle>(KUBERNETES_FILE);
}

/** Where the build writes the releases' kinds without the definitions (dist/validators/). */
const RELEASES_FILE = packageUrl("dist/validators/kubernetes-releases.json");

let releases: KubernetesBundle["releases"] | undefined;

/**
 * What each shipped release serves (its kinds and ObjectMeta key), without the 2,800 definitions:
 * from the small file the build writes, when it was written from the very schema file shipped;
 * otherwise (from the TypeScript sources, or a stale build) from the bundle itself.
 */
export function loadKubernetesReleases(): KubernetesBundle["releases"] {
  if (!releases) {
    try {
      const index = JSON.parse(readFileSync(RELEASES_FILE, "utf8")) as { sourceHash?: unknown; releases?: KubernetesBundle["releases"] };
      if (index.sourceHash === kubernetesFileHash() && index.releases) releases = index.releases;
    } catch {
      // Not built: read the bundle.
    }
    releases ??= loadKubernetesBundle().releases;
  }
  return releases;
}

/** Build step: writes the releases' kinds for loadKubernetesReleases. */
export function writeKubernetesReleases(): void {
  writeFileSync(RELEASES_FILE, JSON.stringify({ sourceHash: kubernetesFileHash(), releases: loadKubernetesBundle().releases }));
}

function kubernetesFileHash(): string {
  return createHash("sha256").update(readFileSync(new URL(KUBERNETES_FILE, SCHEMA_FOLDER))).digest("hex");
}

/** The shipped Argo CD and Flux schemas, read once per process. */
export function loadGitopsBundle(): SchemaBundle {
  return readGzippedJson<SchemaBundle>(GITOPS_CRDS_FILE);
}

/** apiVersion -> kind -> the releases ("1.16", ...) that serve it, oldest first. */
export type KindIndex = Record<string, Record<string, string[]>>;

let kindIndex: KindIndex | undefined;

export function loadKindIndex(): KindIndex {
  if (!kindIndex) {
    const index: KindIndex = {};
    const sorted = Object.entries(loadKubernetesReleases()).sort(([a], [b]) => compareMinor(a, b));
    for (const [release, { kinds }] of sorted) {
      for (const [apiVersion, byKind] of Object.entries(kinds)) for (const kind of Object.keys(byKind)) ((index[apiVersion] ??= {})[kind] ??= []).push(release);
    }
    kindIndex = index;
  }
  return kindIndex;
}

export function schemaFolderPath(): URL {
  return SCHEMA_FOLDER;
}
