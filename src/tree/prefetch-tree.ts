import { packageUrl } from "../package-root.js";
import { runWorker } from "../workers/run-worker.js";
import { readTreeSnapshot, type TreeSnapshot } from "./tree-snapshot.js";

const WORKER_URL = packageUrl("dist/tree/snapshot-worker.js");

/**
 * Starts reading the committed folders `dirs` on a worker thread, so the disk reads run beside
 * the render and the lint on this one; `compareTree` then takes the files from the snapshot.
 * From the TypeScript sources (tests) it reads them here, when asked.
 */
export function prefetchTree(root: string, dirs: readonly string[]): () => Promise<TreeSnapshot> {
  if (import.meta.url.endsWith(".ts")) return async () => readTreeSnapshot(root, dirs);
  const pending = runWorker<TreeSnapshot>(WORKER_URL, { root, dirs: [...dirs] });
  // Unobserved until the comparison asks: a failure then falls back to reading here.
  pending.catch(() => undefined);
  return () => pending.catch(() => readTreeSnapshot(root, dirs));
}
