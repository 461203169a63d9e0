import type { YamlFile } from "../yaml/read-yaml-file.js";

/** A release as written in cluster.yaml. */
export interface ReleaseSpec {
  name: string;
  blueprint: string;
  namespace: string;
  values?: Record<string, unknown>;
  valuesFile?: string;
}

export interface Provided {
  storageClasses: string[];
  namespaces: string[];
  secrets: string[];
  configMaps: string[];
  serviceAccounts: string[];
  persistentVolumeClaims: string[];
}

export interface Cluster {
  name: string;
  /** Cluster folder, relative to the repository root, with `/` separators. */
  dir: string;
  /** cluster.yaml, relative to the repository root. */
  file: string;
  yaml: YamlFile;
  /** The file's text, for cache keys. */
  text: string;
  kubernetesVersion: string;
  gitops: GitopsSettings;
  nodePortRange: { min: number; max: number };
  provided: Provided;
  imageRewrite: Record<string, string>;
  releases: ReleaseSpec[];
  /** Names of the imported CRD sets (schemas/imported/crds/<name>.yaml) installed in the cluster. */
  crdSets: string[];
}

/** `spec.gitops` of a cluster file, with `renderedPath` added by kforge. */
export interface GitopsSettings {
  engine: "argocd" | "flux";
  repoURL: string;
  targetRevision?: string;
  namespace?: string;
  argocd?: {
    destination?: { server?: string; name?: string };
    project?: string;
    syncPolicy?: { automated?: boolean; prune?: boolean; selfHeal?: boolean; syncOptions?: string[] };
    revisionHistoryLimit?: number;
  };
  flux?: {
    interval?: string;
    sourceInterval?: string;
    prune?: boolean;
    wait?: boolean;
    timeout?: string;
    secretRef?: string;
    targetNamespace?: string;
    dependsOn?: string[];
  };
  /** The cluster's rendered tree, relative to the git repository's root (what the engine reads). */
  renderedPath: string;
}

/** Folder (relative to the cluster folder) that holds the rendered kustomize tree. */
export const RENDERED_DIR = "rendered";
