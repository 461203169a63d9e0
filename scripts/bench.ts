/**
 * `npm run bench`: times the built kforge CLI on a generated repository and corpus, beside
 * `kubectl kustomize` and `kubeconform` when they are installed. A benchmark, not a test: it
 * prints figures and the issue's targets, and fails only when a command cannot run.
 * See docs/benchmark.md and `npm run bench -- --help`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { formatProfile, readCpuProfile, summarizeProfile, type ProfileSummary } from "./bench/cpu-profile.js";
import { ensureBuild } from "./bench/ensure-build.js";
import { describeMachine } from "./bench/machine.js";
import { lintArgs, measureCorpus, measureSize, prepareCorpus, renderedRepo, type BenchContext } from "./bench/measure.js";
import { BenchUsageError, parseBenchOptions, USAGE, type BenchOptions } from "./bench/options.js";
import { findKubeconform, findKubectl, type Peer } from "./bench/peers.js";
import { buildRows, formatTable, type SizeResult } from "./bench/results-table.js";
import { BenchRunError, kforgeSpec, runKforge, useNodeForKforge } from "./bench/run-timed.js";
import { sizeLabel } from "./bench/synthetic-repo.js";
import { formatUntrustedInput, measureUntrustedInput } from "./bench/untrusted-input.js";
import { formatAdmissionCost, measureAdmissionCost } from "./bench/admission-cost.js";
import { measureRealSet } from "./bench/real-set.js";

const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));
const KFORGE_BIN = join(REPO_ROOT, "bin", "kforge.js");

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

async function main(argv: string[]): Promise<number> {
  let options: BenchOptions | "help";
  try {
    options = parseBenchOptions(argv);
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    process.stderr.write(`bench: ${error.message}\nRun \`npm run bench -- --help\` for the options.\n`);
    return 2;
  }
  if (options === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const build = options.build ? ensureBuild(REPO_ROOT) : "not checked (--no-build)";
  useNodeForKforge(options.node);
  const machine = describeMachine(options.node);
  const kubectl = findKubectl();
  const kubeconform = findKubeconform();
  log(`${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, load average ${machine.loadAverage}; ${build}`);
  log(`peers: kubectl ${kubectl ? `${kubectl.path} (${kubectl.version})` : "absent"}; kubeconform ${kubeconform ? `${kubeconform.path} (${kubeconform.version})` : "absent"}`);
  const work = mkdtempSync(join(tmpdir(), "kforge-bench-"));
  const ctx: BenchContext = { repoRoot: REPO_ROOT, kforgeBin: KFORGE_BIN, work, options, log };
  try {
    const corpora = await prepareCorpus(ctx);
    if (options.profile) {
      const profiles = await profile(ctx);
      if (options.json) writeJson(options.json, { generatedAt: new Date().toISOString(), machine, build, profiles });
      return 0;
    }
    const sizes: SizeResult[] = [];
    for (const size of options.sizes) sizes.push(await measureSize(ctx, size, kubectl));
    const corpusResults = [];
    for (const corpus of corpora) corpusResults.push(await measureCorpus(ctx, corpus, kubeconform));
    const realSet = measureRealSet(ctx, kubeconform);
    const untrusted = measureUntrustedInput(ctx);
    const admission = measureAdmissionCost(ctx);
    const rows = buildRows(sizes, corpusResults, { kustomize: "kubectl kustomize", kubeconform: "kubeconform" }, realSet);
    process.stdout.write(`\n${formatTable(rows, { kustomize: Boolean(kubectl), kubeconform: Boolean(kubeconform) })}\n`);
    process.stdout.write(`\n${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.os}; ` +
      `median of ${options.runs} run(s); load average ${machine.loadAverage} at the start, ${loadavg()[0].toFixed(2)} at the end.\n`);
    process.stdout.write(`\n${formatUntrustedInput(untrusted)}\n`);
    process.stdout.write(`\n${formatAdmissionCost(admission)}\n`);
    if (options.json) {
      writeJson(options.json, {
        generatedAt: new Date().toISOString(), machine, build, runs: options.runs,
        peers: { kubectl: peerInfo(kubectl), kubeconform: peerInfo(kubeconform) },
        sizes, corpora: corpusResults, realSet, rows, untrustedInput: untrusted, admissionPolicies: admission,
      });
    }
    return 0;
  } finally {
    if (options.keep) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

/** One `kforge check` of the first size and one `kforge lint` of the corpus under the V8 profiler. */
async function profile(ctx: BenchContext): Promise<Record<string, ProfileSummary>> {
  const size = ctx.options.sizes[0];
  const repo = await renderedRepo(ctx, size);
  const runs: { name: string; cwd: string; args: string[] }[] = [
    { name: `kforge check ${sizeLabel(size)}`, cwd: repo.root, args: ["check", "--format", "json", "--output", join(ctx.work, "profile-check.json")] },
    { name: `kforge lint corpus (${ctx.options.corpus.files}x${ctx.options.corpus.documentsPerFile})`, cwd: join(ctx.work, "corpus"), args: lintArgs(join(ctx.work, "profile-lint.json")) },
    { name: `kforge lint corpus, findings in most files (${ctx.options.corpus.files}x${ctx.options.corpus.documentsPerFile})`, cwd: join(ctx.work, "corpus"), args: lintArgs(join(ctx.work, "profile-lint-findings.json"), "manifests-findings") },
    { name: `kforge lint corpus, a finding in every file (${ctx.options.corpus.files}x2)`, cwd: join(ctx.work, "corpus"), args: lintArgs(join(ctx.work, "profile-lint-small.json"), "manifests-small") },
  ];
  const summaries: Record<string, ProfileSummary> = {};
  runs.forEach((run, index) => {
    const dir = join(ctx.work, `cpu-profile-${index}`);
    mkdirSync(dir);
    const timed = runKforge(kforgeSpec(ctx.kforgeBin, run.args, run.cwd, [0, 1], ctx.options.timeoutMs, ["--cpu-prof", "--cpu-prof-dir", dir]));
    summaries[run.name] = summarizeProfile(readCpuProfile(dir));
    process.stdout.write(`\n${formatProfile(`${run.name} (${Math.round(timed.ms)} ms wall under the profiler, peak ${Math.round(timed.maxRssMb ?? 0)} MiB)`, summaries[run.name])}\n`);
  });
  return summaries;
}

function peerInfo(peer: Peer | undefined) {
  return peer ? { path: peer.path, version: peer.version } : null;
}

function writeJson(file: string, data: unknown): void {
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
  log(`wrote ${path}`);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    // A command that fails is a finding about kforge or the environment: say which, no stack.
    if (error instanceof BenchRunError) log(`a command failed, so the figures would be wrong:\n${error.message}`);
    else log(`${(error as Error).stack ?? error}`);
    process.exitCode = 1;
  },
);
