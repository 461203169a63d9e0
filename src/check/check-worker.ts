import { parentPort, workerData } from "node:worker_threads";
import { loadPolicies } from "../policy/load-policies.js";
import { checkShare } from "./check-share.js";
import { useImportedSchemas } from "../schemas/imported-schemas.js";

/** Worker side of check-repository.ts: checks its share of the clusters and sends back plain data. */
const { root, clusterFiles, today } = workerData as { root: string; clusterFiles: string[]; today: string };
useImportedSchemas(root);
const { policy } = await loadPolicies(root);
parentPort?.postMessage(await checkShare(root, clusterFiles, policy, today));
