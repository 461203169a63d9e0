import { posix } from "node:path";
import { RenderCache } from "../render/render-cache.js";
import { renderClusters } from "../render/render-clusters.js";
import { acquireRenderLock, lockWaitSeconds, RenderLockedError } from "../render/render-lock.js";
import { applyChanges } from "../tree/apply-changes.js";
import { compareTree } from "../tree/tree-changes.js";
import { relative } from "node:path";
import { EXIT, type CliIo, type Command } from "./cli-io.js";
import { CLUSTER_FLAG, selectClusters } from "./cluster-option.js";
import { parseFlags } from "./parse-flags.js";
import { printDiagnostics } from "./print-diagnostics.js";
import { resolveRoot } from "./resolve-root.js";
import { useImportedSchemas } from "../schemas/imported-schemas.js";
import { plural } from "../report/plural.js";

const FLAGS = { ...CLUSTER_FLAG, check: { type: "boolean" }, "no-cache": { type: "boolean" }, root: { type: "string" } } as const;

export const renderCommand: Command = {
  name: "render",
  flags: FLAGS,
  summary: "render every cluster's releases into clusters/<name>/rendered (or check the committed tree)",
  usage: `Usage: kforge render [--cluster NAME ...] [--check] [--no-cache] [--root DIR]

Renders each cluster's releases (blueprint templates + values) into a kustomize tree under
clusters/<name>/rendered/ and the GitOps wiring under clusters/<name>/gitops/. Writes nothing
when anything fails (every error of every cluster is reported); removes files it generated earlier and no longer generates; never
touches files without its header.

Options:
  --cluster NAME  render only this cluster; repeatable
  --check         write nothing (and trust no cache); exit 1 and list the files that differ
                  when the committed tree is not what a render produces now
  --no-cache      render everything and read every generated file. By default kforge keeps
                  what it rendered in .kforge-cache/ (keep it out of git): a cluster whose inputs
                  (cluster file, values files, blueprints, kforge itself) are unchanged and
                  whose generated files are as the last render left them (same names, sizes,
                  mtimes) is skipped; a release whose inputs are unchanged is not rendered again
  --root DIR      repository root (default: nearest folder upwards with clusters/)
  -h, --help      show this help

Two renders never write at once: a render waits for one that is running (up to KFORGE_LOCK_WAIT
seconds, default 10; the lock is .kforge-cache/render.lock) and then refuses. Temporary files
(*.kforge-<pid>.tmp) that a killed render left behind are removed.

Exit codes: 0 done (or up to date), 1 errors in the input or stale tree, 2 usage errors, another
render holding the lock, or a file-system fault (full disk, permissions: the tree is left as it was).`,
  async run(args, io) {
    const { values } = parseFlags("render", args, FLAGS);
    if (values.help) {
      io.stdout(`${this.usage}\n`);
      return EXIT.ok;
    }
    return runRender(io, { cluster: values.cluster, check: values.check ?? false, root: values.root, cache: !values["no-cache"] });
  },
};

export async function runRender(io: CliIo, options: { cluster?: string[]; check: boolean; root?: string; cache?: boolean }): Promise<number> {
  const root = resolveRoot(io.cwd, options.root);
  useImportedSchemas(root);
  if (options.check) return renderAndWrite(io, root, options);
  // Two renders writing one tree at once would interleave their files: one waits for the other.
  let lock;
  try {
    lock = await acquireRenderLock(root, lockWaitSeconds());
  } catch (error) {
    if (!(error instanceof RenderLockedError)) throw error;
    io.stderr(`kforge render: ${error.message}. Run it again when that render is done, or set KFORGE_LOCK_WAIT=<seconds> to wait longer; if no render is running, delete ${relative(io.cwd, error.lockPath) || error.lockPath}.\n`);
    return EXIT.fault;
  }
  try {
    return await renderAndWrite(io, root, options);
  } finally {
    await lock.release();
  }
}

async function renderAndWrite(io: CliIo, root: string, options: { cluster?: string[]; check: boolean; cache?: boolean }): Promise<number> {
  const cache = options.cache && !options.check ? new RenderCache(root) : undefined;
  const render = await renderClusters(root, await selectClusters(root, options.cluster), cache);
  const clusters = render.clusters.length + render.unchanged.length;
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
  // Skipped clusters (tree stamp held) count with the files the stamp lists.
  const fileCount = render.files.size + render.unchanged.reduce((sum, c) => sum + c.files, 0);
  const count = `${plural(clusters, "cluster")}, ${plural(fileCount, "file")}`;
  if (options.check) {
    if (comparison.changes.length === 0) {
      io.stdout(`kforge render --check: the committed tree is up to date (${count}).\n`);
      return EXIT.ok;
    }
    io.stdout(`kforge render --check: the committed tree is out of date (${plural(comparison.changes.length, "file")}):\n`);
    // Loaded only here: a plain render never needs the diff library.
    const { describeChanges } = await import("../tree/describe-changes.js");
    io.stdout(`${describeChanges(comparison.changes)}\nRun \`kforge render\` and commit the result.\n`);
    return EXIT.findings;
  }
  await applyChanges(root, comparison.changes);
  // Removals are what a GitOps engine prunes from the cluster: each one is named.
  for (const dir of render.orphanedDirs) {
    const removed = comparison.changes.filter((c) => c.kind === "delete" && c.path.startsWith(`${dir}/`)).length;
    if (removed > 0) io.stdout(`${posix.dirname(dir)} has no cluster.yaml: its generated ${posix.basename(dir)}/ tree is removed (${plural(removed, "file")}).\n`);
  }
  for (const change of comparison.changes) {
    if (change.kind === "delete") io.stdout(`  removed  ${change.path}${change.leftover ? "  (temporary file of a render that was interrupted)" : ""}\n`);
  }
  // Only a render that succeeded leaves anything behind, the cache and the tree stamps included.
  await cache?.flush();
  await render.stamps?.save();
  const tally = (kind: string) => comparison.changes.filter((c) => c.kind === kind && !c.leftover).length;
  const leftovers = comparison.changes.filter((c) => c.leftover).length;
  const cleaned = leftovers > 0 ? `; ${plural(leftovers, "temporary file")} of an interrupted render removed` : "";
  io.stdout(`kforge render: ${count}; ${tally("add")} added, ${tally("update")} updated, ${tally("delete")} removed${cleaned}.\n`);
  return EXIT.ok;
}
