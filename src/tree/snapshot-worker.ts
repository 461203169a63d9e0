import { parentPort, workerData } from "node:worker_threads";
import { readTreeSnapshot } from "./tree-snapshot.js";

/** Worker side of prefetch-tree.ts: reads the folders and sends the snapshot back. */
const { root, dirs } = workerData as { root: string; dirs: string[] };
parentPort?.postMessage(readTreeSnapshot(root, dirs));
