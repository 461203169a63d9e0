import type { Span, SourceRef } from "../yaml/span.js";

/** One path step into a manifest: a mapping key or a sequence index. */
export type PathStep = string | number;
export type FieldPath = readonly PathStep[];

/** The identity every Kubernetes object has. */
export interface ResourceId {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/**
 * A Kubernetes object in memory, with a way back to where each field is written.
 * Rendered resources answer from the map the emitter built; resources read from files answer
 * lazily from the parsed YAML document. Lint never re-parses what kforge produced.
 */
export interface Resource {
  /** The manifest as plain data. */
  readonly object: KubeObject;
  /** File the object is written in (rendered file, or the linted input file). */
  readonly file: string;
  /** 0-based index of the YAML document within `file`. */
  readonly documentIndex: number;
  /** Position of the node at `path` in `file`, or of its nearest existing ancestor. */
  locate(path: FieldPath): Span;
  /** Where the field at `path` came from (values entry or template line), for rendered resources. */
  origin(path: FieldPath): SourceRef | undefined;
  /** Name of the release that produced this object, for rendered resources. */
  readonly release?: string;
}

export interface KubeObject {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown; labels?: unknown; annotations?: unknown; [k: string]: unknown };
  [key: string]: unknown;
}

export function resourceId(object: KubeObject): ResourceId {
  const meta = (object.metadata ?? {}) as Record<string, unknown>;
  const id: ResourceId = {
    apiVersion: String(object.apiVersion ?? ""),
    kind: String(object.kind ?? ""),
    name: typeof meta.name === "string" ? meta.name : "",
  };
  if (typeof meta.namespace === "string") id.namespace = meta.namespace;
  return id;
}

export function describeResource(id: ResourceId): string {
  return id.namespace ? `${id.kind} ${id.namespace}/${id.name}` : `${id.kind} ${id.name}`;
}
