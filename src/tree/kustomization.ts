import { emitManifest } from "../render/emit-yaml.js";
import { fileHeader } from "./file-header.js";

/** A kustomization.yaml listing `resources` (files or folders) in the order given. */
export function kustomizationFile(what: string, resources: readonly string[]): string {
  return fileHeader(what) + emitManifest({ apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", resources: [...resources] });
}
