import { join, posix } from "node:path";
import type { FleetMember } from "../gitops/applicationset.js";
import { RENDERED_DIR } from "../repo/cluster.js";
import type { BlueprintSources } from "../repo/blueprint-sources.js";
import { readOptional } from "../repo/read-optional.js";
import { TreeStamps, type ReleaseInputs } from "./tree-stamps.js";

/**
 * What decides whether a cluster must be rendered again: its inputs (cluster file, values files,
 * blueprints) read without parsing, and their fingerprint checked against the cluster's tree stamp.
 */

/**
 * Defined when the cluster's tree stamp holds. The stamp names the releases' inputs it was made
 * from; if their fingerprint (which covers the cluster file's text) is unchanged, so is what the
 * cluster file says, and it need not even be parsed.
 */
export async function unchangedTree(
  root: string,
  stamps: TreeStamps,
  file: string,
  text: string,
  sourcesOnce: (name: string) => Promise<BlueprintSources>,
  repoPrefix: string,
): Promise<{ fleet: FleetMember; files: number } | undefined> {
  const dir = posix.dirname(file);
  const name = posix.basename(dir);
  const releases = stamps.stampedReleases(name);
  if (!releases) return undefined;
  const fingerprint = await treeFingerprint(file, text, releases, readValuesTexts(root, dir, releases), sourcesOnce);
  const unchanged = fingerprint === undefined ? undefined : stamps.unchanged({ name, dir }, fingerprint);
  // A root moved within its git repository changes the paths the GitOps objects name.
  if (!unchanged || unchanged.gitops.renderedPath !== posix.join(repoPrefix, dir, RENDERED_DIR)) return undefined;
  return { fleet: { name, dir, gitops: unchanged.gitops }, files: unchanged.files };
}

/** A values file that cannot be read is reported, at its line, when the release is rendered. */
function readValuesText(path: string): string | undefined {
  try {
    return readOptional(path);
  } catch {
    return undefined;
  }
}

/** Text of each release's values file ("" without one); undefined when it cannot be read. */
export function readValuesTexts(root: string, clusterDir: string, releases: readonly ReleaseInputs[]): (string | undefined)[] {
  return releases.map((r) => (r.valuesFile === undefined ? "" : readValuesText(join(root, clusterDir, r.valuesFile))));
}

/**
 * Everything a cluster's generated folders depend on besides kforge itself: the cluster file,
 * and per release its blueprint's files and its values file. (Other clusters only feed the
 * fleet ApplicationSet, which every render compares.) Undefined when a values file cannot be read.
 */
export async function treeFingerprint(
  file: string,
  text: string,
  releases: readonly ReleaseInputs[],
  valuesTexts: readonly (string | undefined)[],
  sourcesOnce: (name: string) => Promise<BlueprintSources>,
): Promise<string | undefined> {
  const parts = [file, text];
  for (const [index, release] of releases.entries()) {
    const valuesText = valuesTexts[index];
    if (valuesText === undefined) return undefined;
    const blueprint = await sourcesOnce(release.blueprint);
    parts.push(release.blueprint, blueprint.metaText === undefined ? "(missing)" : blueprint.contentHash, release.valuesFile ?? "", valuesText);
  }
  return TreeStamps.fingerprint(parts);
}
