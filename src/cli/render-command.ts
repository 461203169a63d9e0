import { RenderCache } from "../render/render-cache.js";
import { renderClusters } from "../render/render-clusters.js";
import { applyChanges } from "../tree/apply-changes.js";
import { describeChanges } from "../tree/describe-changes.js";
import { compareTree } from "../tree/tree-changes.js";
import { EXIT, UsageError, type CliIo, type Command } from "./cli-io.js";
import { parseFlags } from "./parse-flags.js";
import { printDiagnostics } from "./print-diagnostics.js";
import { resolveRoot } from "./resolve-root.js";

export const renderCommand: Command = {
  name: "render",
  summary: "render every cluster's releases into clusters/<name>/rendered (or check the committed tree)",
  usage: `Usage: kforge render [--cluster NAME] [--check] [--no-cache] [--root DIR]

Renders each cluster's releases (blueprint templates + values) into a kustomize tree under
clusters/<name>/rendered/ and the GitOps wiring under clusters/<name>/gitops/. Writes nothing
when anything fails; removes files it generated earlier and no longer generates; never
touches files without its header.

Options:
  --cluster NAME  render only this cluster
  --check         write nothing; exit 1 and list the files that differ when the committed
                  tree is not what a render produces now
  --no-cache      render every release; by default releases whose inputs (blueprint, cluster
                  file, values file, kforge itself) are unchanged since the last render are
                  taken from .kforge-cache/ (keep that folder out of git)
  --root DIR      repository root (default: nearest folder upwards with clusters/)
  -h, --help      show this help

Exit codes: 0 done (or up to date), 1 errors in the input or stale tree, 2 usage errors.`,
  async run(args, io) {
    const { values } = parseFlags(args, { cluster: { type: "string" }, check: { type: "boolean" }, "no-cache": { type: "boolean" }, root: { type: "string" } });
    if (values.help) {
      io.stdout(`${this.usage}\n`);
      return EXIT.ok;
    }
    return runRender(io, { cluster: values.cluster, check: values.check ?? false, root: values.root, cache: !values["no-cache"] });
  },
};

export async function runRender(io: CliIo, options: { cluster?: string; check: boolean; root?: string; cache?: boolean }): Promise<number> {
  const root = resolveRoot(io.cwd, options.root);
  const cache = options.cache && !options.check ? new RenderCache(root) : undefined;
  const render = await renderClusters(root, options.cluster, cache);
  if (options.cluster && render.clusters.length === 0 && render.diagnostics.length === 0) {
    throw new UsageError(`no cluster "${options.cluster}" (looked for clusters/${options.cluster}/cluster.yaml)`);
  }
  if (render.diagnostics.length > 0) {
    printDiagnostics(render.diagnostics, io);
    return EXIT.findings;
  }
  const comparison = await compareTree(root, render.files, render.ownedDirs, render.ownedFiles);
  if (comparison.problems.length > 0) {
    printDiagnostics(comparison.problems, io);
    return EXIT.findings;
  }
  for (const path of comparison.handWritten) io.stderr(`note: ${path} has no kforge header; left alone (hand-written files in generated folders are never touched)\n`);
  const count = `${render.clusters.length} cluster${render.clusters.length === 1 ? "" : "s"}, ${render.files.size} files`;
  if (options.check) {
    if (comparison.changes.length === 0) {
      io.stdout(`kforge render --check: the committed tree is up to date (${count}).\n`);
      return EXIT.ok;
    }
    io.stdout(`kforge render --check: the committed tree is out of date (${comparison.changes.length} file${comparison.changes.length === 1 ? "" : "s"}):\n`);
    io.stdout(`${describeChanges(comparison.changes)}\nRun \`kforge render\` and commit the result.\n`);
    return EXIT.findings;
  }
  await applyChanges(root, comparison.changes);
  // Only a render that succeeded leaves anything behind, the cache included.
  await cache?.flush();
  const tally = (kind: string) => comparison.changes.filter((c) => c.kind === kind).length;
  io.stdout(`kforge render: ${count}; ${tally("add")} added, ${tally("update")} updated, ${tally("delete")} removed.\n`);
  return EXIT.ok;
}
