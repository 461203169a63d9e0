/**
 * Runs one command as a child process and times it (wall clock, from spawn to exit, so process
 * start-up counts for kforge and its peers alike). kforge's peak RSS and CPU time come from a
 * preload that reports getrusage on exit; peers' from /usr/bin/time when it exists. CPU time is
 * kept beside wall time because it is what a busy machine disturbs least.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Timed {
  ms: number;
  /** User + system CPU time of the process, when it could be measured. */
  cpuMs?: number;
  /** Peak resident set size in MiB, when it could be measured. */
  maxRssMb?: number;
}

export interface RunSpec {
  command: string;
  args: string[];
  cwd: string;
  /** Exit codes that mean "ran fine" (a linter exits 1 when it has findings). */
  ok: readonly number[];
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
}

/** A command that failed or timed out: the bench stops, showing what the command printed. */
export class BenchRunError extends Error {}

const PRELOAD = new URL("./max-rss-preload.mjs", import.meta.url).href;
const GNU_TIME = "/usr/bin/time";
const scratch = mkdtempSync(join(tmpdir(), "kforge-bench-rss-"));
process.on("exit", () => rmSync(scratch, { recursive: true, force: true }));

let kforgeNode = process.execPath;

/** The Node.js binary every later kforgeSpec runs (bench --node). */
export function useNodeForKforge(path: string): void {
  kforgeNode = path;
}

/** `node --import preload bin/kforge.js ...args`; extra node flags (e.g. --cpu-prof) go before the script. */
export function kforgeSpec(kforgeBin: string, args: string[], cwd: string, ok: readonly number[], timeoutMs: number, nodeFlags: string[] = []): RunSpec {
  return { command: kforgeNode, args: [...nodeFlags, "--import", PRELOAD, kforgeBin, ...args], cwd, ok, timeoutMs };
}

export function runKforge(spec: RunSpec): Timed {
  const rssFile = join(scratch, "kforge.rss");
  rmSync(rssFile, { force: true });
  const ms = run({ ...spec, env: { ...process.env, ...spec.env, KFORGE_BENCH_RSS_FILE: rssFile } });
  if (!existsSync(rssFile)) return { ms };
  const [kib, cpuMicros] = readFileSync(rssFile, "utf8").split(" ").map(Number);
  return { ms, cpuMs: cpuMicros / 1000, maxRssMb: kib / 1024 };
}

/** A peer binary (kubectl, kubeconform): wrapped in `/usr/bin/time -f %M` when available. */
export function runPeer(spec: RunSpec): Timed {
  if (!existsSync(GNU_TIME)) return { ms: run(spec) };
  const rssFile = join(scratch, "peer.rss");
  rmSync(rssFile, { force: true });
  const ms = run({ ...spec, command: GNU_TIME, args: ["-f", "%M %U %S", "-o", rssFile, spec.command, ...spec.args] });
  // The last line: GNU time puts "Command exited with non-zero status N" before it.
  const [kib, user, system] = existsSync(rssFile) ? readFileSync(rssFile, "utf8").trim().split("\n").pop()!.split(" ").map(Number) : [];
  return { ms, ...(Number.isFinite(user + system) ? { cpuMs: (user + system) * 1000 } : {}), ...(Number.isFinite(kib) ? { maxRssMb: kib / 1024 } : {}) };
}

function run(spec: RunSpec): number {
  const started = performance.now();
  // Output is discarded: the bench times the work, not a terminal. stderr is kept for errors.
  const result = spawnSync(spec.command, spec.args, { cwd: spec.cwd, env: spec.env ?? process.env, stdio: ["ignore", "ignore", "pipe"], timeout: spec.timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  const shown = `${spec.command} ${spec.args.join(" ")}`;
  if (result.error) throw new BenchRunError(`${shown}: ${result.error.message}`);
  if (result.status === null) throw new BenchRunError(`${shown}: killed by ${result.signal} (timeout ${spec.timeoutMs / 1000} s; raise it with --timeout SECONDS)`);
  if (!spec.ok.includes(result.status)) {
    const stderr = result.stderr.toString().trim().split("\n").slice(-15).join("\n");
    throw new BenchRunError(`${shown} (in ${spec.cwd}) exited with ${result.status}:\n${stderr}`);
  }
  return ms;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface Series {
  runsMs: number[];
  medianMs: number;
  /** Median CPU time (user + system), when measured. */
  cpuMedianMs?: number;
  /** Highest peak RSS over the runs (MiB). */
  maxRssMb?: number;
}

/** Runs `measure` `runs` times, each after `prepare` (untimed), and summarizes. */
export async function series(runs: number, prepare: (run: number) => Promise<void> | void, measure: () => Timed): Promise<Series> {
  const results: Timed[] = [];
  for (let i = 0; i < runs; i++) {
    await prepare(i);
    results.push(measure());
  }
  return summarize(results);
}

/** Median time, median CPU and highest peak memory of timed runs. */
export function summarize(results: readonly Timed[]): Series {
  const known = (values: (number | undefined)[]) => values.filter((m): m is number => m !== undefined);
  const rss = known(results.map((r) => r.maxRssMb));
  const cpu = known(results.map((r) => r.cpuMs));
  return {
    runsMs: results.map((r) => r.ms),
    medianMs: median(results.map((r) => r.ms)),
    ...(cpu.length === results.length ? { cpuMedianMs: median(cpu) } : {}),
    ...(rss.length > 0 ? { maxRssMb: Math.max(...rss) } : {}),
  };
}
