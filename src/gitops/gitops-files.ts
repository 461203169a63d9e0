import { posix } from "node:path";
import type { Cluster } from "../repo/cluster.js";
import { emitManifest } from "../render/emit-yaml.js";
import { fileHeader } from "../tree/file-header.js";
import { kustomizationFile } from "../tree/kustomization.js";
import { outputPath } from "../tree/output-path.js";
import { resourceFileName } from "../tree/resource-file-name.js";
import { argoCdObjects } from "./argocd.js";
import { fluxObjects } from "./flux.js";

/** Folder, inside a cluster folder, for the objects that make the GitOps engine sync the tree. */
export const GITOPS_DIR = "gitops";

/** One object kforge writes for the GitOps engine, in a file of its own (after `header`). */
export interface GitopsObject {
  file: string;
  header: string;
  object: Record<string, unknown>;
}

/**
 * The engine's objects for this cluster with the files they are written to: `gitopsFiles`
 * writes them, and `kforge diff` compares them like rendered resources (without re-reading YAML).
 */
export function gitopsObjects(cluster: Cluster): GitopsObject[] {
  const renderedPath = cluster.gitops.renderedPath;
  const objects = cluster.gitops.engine === "argocd" ? argoCdObjects(cluster) : fluxObjects(cluster);
  const header = fileHeader(`for cluster ${cluster.name}: ${cluster.gitops.engine} wiring that syncs ${renderedPath}`);
  return objects.map((object) => {
    // Never `kustomization.yaml`: a Flux Kustomization must not take kustomize's own file name.
    const name = resourceFileName(String(object.kind), String((object.metadata as { name: string }).name))!;
    return { file: outputPath(cluster.dir, GITOPS_DIR, name), header, object };
  });
}

/** clusters/<name>/gitops/: the engine's objects for this cluster, applied once to bootstrap. */
export function gitopsFiles(cluster: Cluster): Map<string, string> {
  const files = new Map<string, string>();
  const names: string[] = [];
  for (const { file, header, object } of gitopsObjects(cluster)) {
    names.push(posix.basename(file));
    files.set(file, header + emitManifest(object));
  }
  files.set(outputPath(cluster.dir, GITOPS_DIR, "kustomization.yaml"), kustomizationFile(`for cluster ${cluster.name}: ${cluster.gitops.engine} wiring`, names.sort()));
  return files;
}
