import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Finding } from "../lint/finding.js";

/** What `kforge diff` found: the data every output format prints (and `--format json` is). */
export interface DiffResult {
  base: { ref: string; commit: string };
  clusters: ClusterDiff[];
  /** The fleet-wide ApplicationSet (clusters/applicationset.yaml), compared like a cluster's resources. */
  fleet: FleetDiff;
  lint: LintDelta;
  summary: DiffSummary;
}

/** A resource named the way kubectl does, with where kforge writes it. */
export interface ResourceRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  release?: string;
  /** Rendered file, relative to the repository root. */
  file: string;
}

export interface ChangedResource {
  /** The resource as rendered now (its apiVersion may differ from the base's). */
  resource: ResourceRef;
  /** Changed field paths, e.g. `spec.replicas`, `spec.template.spec.containers[0].image`. */
  fields: string[];
  /** Unified diff (3 lines of context) of the emitted YAML, Secret values redacted. */
  patch: string;
}

/**
 * `compared`: both sides rendered; `new` / `deleted`: the cluster exists on one side only;
 * `base-failed`: the base does not render, so this cluster's diff cannot be computed.
 */
export type ClusterState = "compared" | "new" | "deleted" | "base-failed";

export interface ClusterDiff {
  name: string;
  state: ClusterState;
  added: ResourceRef[];
  removed: ResourceRef[];
  changed: ChangedResource[];
  /** Why the base did not render (state `base-failed`); positions are in the base revision. */
  baseDiagnostics?: Diagnostic[];
}

/**
 * `compared`: both sides' fleet files were compared (a side without Argo CD clusters has none);
 * `skipped`: with --cluster, since the file depends on every cluster.
 */
export interface FleetDiff {
  file: string;
  state: "compared" | "skipped";
  added: ResourceRef[];
  removed: ResourceRef[];
  changed: ChangedResource[];
  /** Clusters left out of both sides because their cluster.yaml does not load at the base. */
  leftOut?: string[];
}

export interface LintDelta {
  /** Findings in the working tree that the base does not have, with their positions now. */
  introduced: Finding[];
  /** Findings the base has and the working tree no longer has, with their positions at the base. */
  fixed: Finding[];
  /** Set when the delta could not be computed at all (e.g. base policies do not load). */
  unavailable?: string;
}

export interface DiffSummary {
  clusters: number;
  /** Resources added, removed and changed: in the clusters (rendered and gitops/) and the fleet ApplicationSet. */
  added: number;
  removed: number;
  changed: number;
  introduced: number;
  fixed: number;
  /** Clusters whose base did not render. */
  baseFailed: number;
  /** True when anything differs or a cluster could not be compared: exit code 1. */
  hasChanges: boolean;
}

type Changes = Pick<ClusterDiff, "added" | "removed" | "changed">;

export function summarize(clusters: ClusterDiff[], lint: LintDelta, fleet?: FleetDiff): DiffSummary {
  const sides: Changes[] = fleet ? [...clusters, fleet] : clusters;
  const total = (pick: (c: Changes) => unknown[]) => sides.reduce((n, c) => n + pick(c).length, 0);
  const summary = {
    clusters: clusters.length,
    added: total((c) => c.added),
    removed: total((c) => c.removed),
    changed: total((c) => c.changed),
    introduced: lint.introduced.length,
    fixed: lint.fixed.length,
    baseFailed: clusters.filter((c) => c.state === "base-failed").length,
  };
  const hasChanges = Object.entries(summary).some(([key, n]) => key !== "clusters" && n > 0);
  return { ...summary, hasChanges };
}
