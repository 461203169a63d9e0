import { APPLICATIONSET_FILE, APPLICATIONSET_HEADER, applicationSetObjects, type FleetMember } from "../gitops/applicationset.js";
import { gitopsObjects } from "../gitops/gitops-files.js";
import { emitManifest } from "../render/emit-yaml.js";
import { RenderedResource } from "../render/rendered-resource.js";
import type { Cluster } from "../repo/cluster.js";
import type { KubeObject } from "../resources/resource.js";
import { headerLineCount } from "../tree/file-header.js";

/**
 * The objects of clusters/<name>/gitops/ as resources, with the files and bodies render writes:
 * they reach the cluster (they point the engine at the tree), so `kforge diff` compares them.
 * The gitops/ kustomization.yaml is kustomize's own index, not an object, and is left out.
 */
export function gitopsResources(cluster: Cluster): RenderedResource[] {
  return gitopsObjects(cluster).map(({ file, header, object }) => resource(object, file, cluster.file, emitManifest(object), headerLineCount(header)));
}

/**
 * The documents of the fleet ApplicationSet file, each with the line it starts at in that file,
 * so patch line numbers are those of clusters/applicationset.yaml.
 */
export function fleetResources(members: readonly FleetMember[]): RenderedResource[] {
  let before = headerLineCount(APPLICATIONSET_HEADER);
  return applicationSetObjects(members).map((object) => {
    const body = emitManifest(object);
    const made = resource(object, APPLICATIONSET_FILE, APPLICATIONSET_FILE, body, before);
    before += headerLineCount(body) + 1; // the body's lines and the `---` after it
    return made;
  });
}

function resource(object: Record<string, unknown>, file: string, from: string, body: string, headerLines: number): RenderedResource {
  return new RenderedResource(object as KubeObject, file, "", from, undefined, body, headerLines);
}
