/**
 * Build step (`npm run build`, after tsc): precompiles the validators of every Kubernetes kind of
 * every shipped release (each distinct definition once, see standalone-validators.ts), of the
 * GitOps CRDs and of kforge's own file formats into dist/validators/, so no run compiles them,
 * and the releases' kinds without the definitions (kubernetes-releases.json). The sets are shared out among worker threads, one per CPU (at most 4).
 */
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { KFORGE_SCHEMAS_FILE, kforgeSchemasSource } from "../repo/kforge-schemas.js";
import { BLUEPRINT_VALUES_FILE, libraryValuesSource } from "../repo/library-values-schemas.js";
import { writePrecompiled } from "./precompiled-code.js";
import { writeKubernetesReleases } from "./schema-bundle.js";
import { kindKeysByFirstRelease, precompiledFileName, standaloneValidatorsSource, type PrecompiledSet } from "./standalone-validators.js";

const out = fileURLToPath(new URL("../validators/", import.meta.url));

function build(set: PrecompiledSet): string {
  const started = performance.now();
  const source = standaloneValidatorsSource(set);
  writePrecompiled(`${out}${precompiledFileName(set)}`, source);
  return `validators: ${precompiledFileName(set)} (${Math.round(source.length / 1024)} KiB, ${Math.round(performance.now() - started)} ms)\n`;
}

if (isMainThread) {
  mkdirSync(out, { recursive: true });
  // Files of an earlier layout would never be read again.
  for (const file of readdirSync(out)) rmSync(`${out}${file}`);
  // Largest first, so the threads finish together.
  const byRelease = [...kindKeysByFirstRelease()].sort(([, a], [, b]) => b.length - a.length);
  const sets: PrecompiledSet[] = ["gitops", ...byRelease.map(([firstIn]) => ({ firstIn }))];
  const threads = Math.max(1, Math.min(4, availableParallelism(), sets.length));
  const shares = Array.from({ length: threads }, (_, i) => sets.filter((_, j) => j % threads === i));
  await Promise.all(
    shares.map(
      (share) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(new URL(import.meta.url), { workerData: share });
          worker.on("message", (line: string) => process.stdout.write(line));
          worker.on("error", reject);
          worker.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`a validator build thread exited with ${code}`))));
        }),
    ),
  );
  writeKubernetesReleases();
  writePrecompiled(`${out}${KFORGE_SCHEMAS_FILE}`, kforgeSchemasSource());
  writePrecompiled(`${out}${BLUEPRINT_VALUES_FILE}`, libraryValuesSource());
  process.stdout.write(`validators: ${KFORGE_SCHEMAS_FILE}, ${BLUEPRINT_VALUES_FILE}\n`);
} else {
  for (const set of workerData as PrecompiledSet[]) parentPort!.postMessage(build(set));
}
