/**
 * The measurements of one repository size and of the corpus. Each timed command is a fresh
 * process of the built CLI ("cold": nothing survives from the previous run but the OS file cache).
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { readRenderedReleases, writeCorpus, writeFindingsEverywhereCorpus, type Corpus } from "./corpus.js";
import type { BenchOptions } from "./options.js";
import { kubeconformSpec, kustomizeAll, type Peer } from "./peers.js";
import type { CorpusResult, SizeResult } from "./results-table.js";
import { kforgeSpec, runKforge, runPeer, series, type Series, type Timed } from "./run-timed.js";
import { removeRenderedTrees, sizeLabel, writeSyntheticRepo, type RepoSize, type SyntheticRepo } from "./synthetic-repo.js";

export interface BenchContext {
  repoRoot: string;
  kforgeBin: string;
  work: string;
  options: BenchOptions;
  log: (line: string) => void;
}

interface LintSummary { errors: number; warnings: number; resources: number; failed: boolean }

const noPreparation = () => undefined;

function kforge(ctx: BenchContext, cwd: string, args: string[], ok: readonly number[] = [0]): Timed {
  return runKforge(kforgeSpec(ctx.kforgeBin, args, cwd, ok, ctx.options.timeoutMs));
}

function describe(name: string, s: Series): string {
  const rss = s.maxRssMb === undefined ? "" : `, peak ${Math.round(s.maxRssMb)} MiB`;
  return `${name}: median ${Math.round(s.medianMs)} ms (runs ${s.runsMs.map((ms) => Math.round(ms)).join(", ")})${rss}`;
}

function readSummary(file: string): LintSummary {
  return (JSON.parse(readFileSync(file, "utf8")) as { summary: LintSummary }).summary;
}

function countFiles(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).length;
}

/** Writes the repository of one size and renders it once (untimed), for the profile mode. */
export async function renderedRepo(ctx: BenchContext, size: RepoSize): Promise<SyntheticRepo> {
  const repo = await writeSyntheticRepo(join(ctx.work, sizeLabel(size)), size, ctx.repoRoot);
  kforge(ctx, repo.root, ["render"]);
  return repo;
}

export async function measureSize(ctx: BenchContext, size: RepoSize, kubectl: Peer | undefined): Promise<SizeResult> {
  const label = sizeLabel(size);
  const { runs } = ctx.options;
  ctx.log(`${label}: writing ${size.clusters} clusters x ${size.releases} releases`);
  const repo = await writeSyntheticRepo(join(ctx.work, label), size, ctx.repoRoot);
  const render = await series(runs, () => removeRenderedTrees(repo), () => kforge(ctx, repo.root, ["render"]));
  ctx.log(`${label}: ${describe("render (all trees written)", render)}`);
  const report = join(ctx.work, `check-${label}.json`);
  const checkArgs = ["check", "--format", "json", "--output", report];
  // Exit 1 (findings, stale tree) still times the whole check; the summary says why, below.
  const lintCache = join(repo.root, ".kforge-cache", "lint");
  const check = await series(runs, () => rmSync(lintCache, { recursive: true, force: true }), () => kforge(ctx, repo.root, checkArgs, [0, 1]));
  const summary = readSummary(report);
  ctx.log(`${label}: ${describe(`check (${summary.resources} resources; after a render: releases from its cache, every cluster linted)`, check)}`);
  // The edit loop: one values file changed and rendered, then check; the other clusters' findings come from the last check.
  kforge(ctx, repo.root, checkArgs, [0, 1]);
  const checkLoop = await series(runs, () => {
    changeOneValuesFile(repo);
    kforge(ctx, repo.root, ["render"]);
  }, () => kforge(ctx, repo.root, checkArgs, [0, 1]));
  ctx.log(`${label}: ${describe(`check after ${repo.valuesFileToChange} changed and was rendered (one cluster linted, the others from the last check)`, checkLoop)}`);
  // A fresh clone in CI has no .kforge-cache: every release is rendered and every cluster linted.
  const checkCold = await series(runs, () => rmSync(join(repo.root, ".kforge-cache"), { recursive: true, force: true }), () => kforge(ctx, repo.root, checkArgs, [0, 1]));
  ctx.log(`${label}: ${describe("check without .kforge-cache (a fresh clone)", checkCold)}`);
  if (summary.failed || summary.warnings > 0) ctx.log(`${label}: note: the synthetic repo has ${summary.errors} errors and ${summary.warnings} warnings (expected none)`);
  // The fresh-clone check removed .kforge-cache: a render (untimed) makes the cache a re-render follows.
  kforge(ctx, repo.root, ["render"]);
  const rerender = await series(runs, () => changeOneValuesFile(repo), () => kforge(ctx, repo.root, ["render"]));
  ctx.log(`${label}: ${describe(`re-render after ${repo.valuesFileToChange} changed`, rerender)}`);
  const kustomize = kubectl && await series(runs, noPreparation, () => kustomizeAll(kubectl, repo.root, repo.clusterNames, ctx.options.timeoutMs));
  if (kustomize) ctx.log(`${label}: ${describe(`kubectl kustomize of ${repo.clusterNames.length} trees, one after the other`, kustomize)}`);
  const files = countFiles(join(repo.root, "clusters")) - repo.clusterNames.length - valuesFiles(repo);
  return { size: label, clusters: size.clusters, releasesPerCluster: size.releases, resources: summary.resources, files, check, checkLoop, checkCold, render, rerender, kustomize };
}

function valuesFiles(repo: SyntheticRepo): number {
  return repo.clusterNames.reduce((sum, name) => sum + readdirSync(join(repo.root, "clusters", name, "values")).length, 0);
}

/** A new replica count each run (5 or 6, whichever the file does not say; generated values are 1 to 4), so every run has a change to render. */
function changeOneValuesFile(repo: SyntheticRepo): void {
  const file = join(repo.root, repo.valuesFileToChange);
  const text = readFileSync(file, "utf8");
  const current = /^replicas: (\d+)$/m.exec(text);
  if (!current) throw new Error(`${file}: no top-level "replicas:" line to change`);
  writeFileSync(file, text.replace(/^replicas: \d+$/m, `replicas: ${current[1] === "5" ? 6 : 5}`));
}

/** The corpus, cut from the render of one Kubernetes 1.30 cluster of 40 releases (see corpus.ts). */
/** Three corpora: two cut from the render of one cluster (few defects; most files with findings), and small documents with a finding in every file. */
export async function prepareCorpus(ctx: BenchContext): Promise<Corpus[]> {
  const source = await writeSyntheticRepo(join(ctx.work, "corpus-source"), { clusters: 2, releases: 40 }, ctx.repoRoot);
  kforge(ctx, source.root, ["render"]);
  const releases = await readRenderedReleases(join(source.root, "clusters", source.clusterNames[1], "rendered"));
  const corpora = [
    await writeCorpus(join(ctx.work, "corpus", "manifests"), ctx.options.corpus, releases),
    await writeCorpus(join(ctx.work, "corpus", "manifests-findings"), ctx.options.corpus, releases, { provided: false }),
    await writeFindingsEverywhereCorpus(join(ctx.work, "corpus", "manifests-small"), ctx.options.corpus),
  ];
  for (const corpus of corpora) ctx.log(`corpus (${corpus.label}): ${corpus.files} files, ${corpus.documents} documents, planted defects ${JSON.stringify(corpus.defects)}`);
  return corpora;
}

/** `kforge lint` runs where the corpus is (a folder without policies/), on the relative path, as a user would. */
export function lintArgs(report: string, folder = "manifests"): string[] {
  return ["lint", folder, "--kube-version", "1.30", "--format", "json", "--output", report];
}

export async function measureCorpus(ctx: BenchContext, corpus: Corpus, kubeconform: Peer | undefined): Promise<CorpusResult> {
  const cwd = join(ctx.work, "corpus");
  const folder = basename(corpus.dir);
  const report = join(ctx.work, `lint-${folder}.json`);
  const lint = await series(ctx.options.runs, noPreparation, () => kforge(ctx, cwd, lintArgs(report, folder), [0, 1]));
  const summary = readSummary(report);
  ctx.log(`corpus (${corpus.label}): ${describe(`lint (${summary.errors} errors, ${summary.warnings} warnings)`, lint)}`);
  const result: CorpusResult = { label: corpus.label, files: corpus.files, documents: corpus.documents, defects: corpus.defects, findings: { errors: summary.errors, warnings: summary.warnings }, lint };
  if (kubeconform) {
    result.kubeconform = await series(ctx.options.runs, noPreparation, () => runPeer(kubeconformSpec(kubeconform, folder, cwd, ctx.options.timeoutMs)));
    ctx.log(`corpus: ${describe(kubeconform.name, result.kubeconform)}`);
  }
  return result;
}
