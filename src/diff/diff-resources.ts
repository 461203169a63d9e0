import { FILE_HEADERS_ONLY, formatPatch, structuredPatch } from "diff";
import { emitManifest } from "../render/emit-yaml.js";
import type { RenderedResource } from "../render/rendered-resource.js";
import { resourceId } from "../resources/resource.js";
import { changedFields } from "./changed-fields.js";
import type { ChangedResource, ResourceRef } from "./diff-result.js";
import { isSecret, redactSecret } from "./redact-secret.js";
import { objectKey } from "./resource-identity.js";

/** Lines of unchanged context around each change in a patch. */
export const PATCH_CONTEXT = 3;

export interface ResourceChanges {
  added: ResourceRef[];
  removed: ResourceRef[];
  changed: ChangedResource[];
}

/**
 * Compares one cluster's base and working-tree renders. Resources are matched by canonical
 * group, kind, namespace and name; a resource is changed when its emitted YAML differs.
 */
export function diffResources(base: readonly RenderedResource[], head: readonly RenderedResource[]): ResourceChanges {
  const pending = new Map<string, RenderedResource[]>();
  for (const resource of base) {
    const key = objectKey(resource.object);
    pending.set(key, [...(pending.get(key) ?? []), resource]);
  }
  const result: ResourceChanges = { added: [], removed: [], changed: [] };
  for (const after of head) {
    // Duplicates (a lint error of their own) are paired in order.
    const before = pending.get(objectKey(after.object))?.shift();
    if (!before) result.added.push(refOf(after));
    else if (before.body !== after.body) result.changed.push(changeOf(before, after));
  }
  for (const left of pending.values()) result.removed.push(...left.map(refOf));
  return result;
}

export function refOf(resource: RenderedResource): ResourceRef {
  const ref: ResourceRef = { ...resourceId(resource.object), file: resource.file };
  if (resource.release) ref.release = resource.release;
  return ref;
}

function changeOf(before: RenderedResource, after: RenderedResource): ChangedResource {
  const patch = structuredPatch(`a/${before.file}`, `b/${after.file}`, redactedBody(before), redactedBody(after, before), undefined, undefined, { context: PATCH_CONTEXT });
  // The body follows the file header; shift hunks so line numbers are those of the written files.
  for (const hunk of patch.hunks) {
    hunk.oldStart += headerLines(before);
    hunk.newStart += headerLines(after);
  }
  return { resource: refOf(after), fields: changedFields(before.object, after.object), patch: formatPatch(patch, FILE_HEADERS_ONLY) };
}

/** apiVersion is the body's first line, so its position tells how many header lines precede it. */
function headerLines(resource: RenderedResource): number {
  return resource.locate(["apiVersion"]).line - 1;
}

/**
 * The emitted YAML, or for a Secret the YAML of its redacted copy: values never reach a patch.
 * Only the working-tree side passes `base`, so a value that changed reads "<redacted, changed>".
 */
function redactedBody(resource: RenderedResource, base?: RenderedResource): string {
  if (!isSecret(resource.object)) return resource.body;
  return emitManifest(redactSecret(resource.object, base?.object) as Record<string, unknown>);
}
