/**
 * The small real set with large CRDs (Argo CD, Gateway API, MetalLB, ingress-nginx, ...): kept
 * outside the repository, in ../shared/corpus/real-world next to it, and measured only when it
 * is there. `kforge lint` of it cold (no CRD cache, as in CI or on a fresh clone) and warm (the
 * CRD verdicts and validators an earlier run kept), against `kubeconform -ignore-missing-schemas`
 * (it has no schemas for the CRDs' kinds), the three taking turns in each round.
 */
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { BenchContext } from "./measure.js";
import type { Peer } from "./peers.js";
import { kubeconformSpec } from "./peers.js";
import { kforgeSpec, runKforge, runPeer, summarize, type Series, type Timed } from "./run-timed.js";

export interface RealSetResult {
  files: number;
  megabytes: number;
  cold: Series;
  warm: Series;
  kubeconform?: Series;
}

/** Where the real set is, when it is next to the repository. */
export function realSetDir(repoRoot: string): string | undefined {
  const dir = resolve(repoRoot, "..", "shared", "corpus", "real-world");
  return existsSync(dir) ? dir : undefined;
}

export function measureRealSet(ctx: BenchContext, kubeconform: Peer | undefined): RealSetResult | undefined {
  const dir = realSetDir(ctx.repoRoot);
  if (!dir) {
    ctx.log("real set: ../shared/corpus/real-world is not next to the repository; skipped");
    return undefined;
  }
  if (process.env.CI) ctx.log("real set: note: CI is set, so kforge reads no cache: the warm runs are cold too");
  // The cache goes to the bench's own folder: the set itself is never written to.
  const cacheDir = join(ctx.work, "real-set-cache");
  const report = join(ctx.work, "lint-real-set.json");
  const lint = (): Timed =>
    runKforge(kforgeSpec(ctx.kforgeBin, ["lint", ".", "--kube-version", "1.30", "--format", "json", "--output", report, "--cache-dir", cacheDir], dir, [0, 1], ctx.options.timeoutMs));
  const cold: Timed[] = [];
  const warm: Timed[] = [];
  const peer: Timed[] = [];
  for (let run = 0; run < ctx.options.runs; run++) {
    rmSync(cacheDir, { recursive: true, force: true });
    cold.push(lint());
    warm.push(lint());
    if (kubeconform) {
      const spec = kubeconformSpec(kubeconform, ".", dir, ctx.options.timeoutMs);
      peer.push(runPeer({ ...spec, args: ["-ignore-missing-schemas", ...spec.args] }));
    }
  }
  const files = yamlFiles(dir);
  const result: RealSetResult = { files: files.length, megabytes: files.reduce((sum, f) => sum + statSync(f).size, 0) / 1e6, cold: summarize(cold), warm: summarize(warm) };
  if (kubeconform) result.kubeconform = summarize(peer);
  const ms = (s: Series) => `${Math.round(s.medianMs)} ms (cpu ${Math.round(s.cpuMedianMs ?? 0)})`;
  ctx.log(`real set: ${result.files} files, lint cold ${ms(result.cold)}, warm ${ms(result.warm)}${result.kubeconform ? `, kubeconform ${ms(result.kubeconform)}` : ""}`);
  return result;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}
