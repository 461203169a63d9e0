/**
 * How many threads `check` and `lint` may use: KFORGE_WORKERS, else 1. Reading YAML with the fast
 * reader and rendering are quick enough that, on a small CI machine, worker threads cost more than
 * they save: measured with `npm run bench` on a 2-vCPU VM, lint of 10,000 documents took 2.1 s in
 * one thread and 2.5 s with two, check of 50 clusters 2.9 s and 3.1 s (each thread loads kforge,
 * its schemas and the blueprints again, and the threads contend for the same cores). On machines
 * with more real cores, KFORGE_WORKERS=N may pay off; `npm run bench` tells.
 */
export function configuredThreads(): number {
  const configured = Number.parseInt(process.env.KFORGE_WORKERS ?? "", 10);
  return Number.isNaN(configured) || configured < 1 ? 1 : configured;
}
