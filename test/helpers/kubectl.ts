import { spawnSync } from "node:child_process";

/**
 * Whether `kubectl` is on PATH, for the tests that build trees with real `kubectl kustomize`.
 * Without it those tests are skipped, and this says so once, loudly: a skip must never pass
 * for a pass.
 */
export const HAS_KUBECTL = spawnSync("kubectl", ["version", "--client"], { stdio: "ignore" }).status === 0;
if (!HAS_KUBECTL) console.warn("kubectl is not on PATH: the `kubectl kustomize` build tests are SKIPPED. Install kubectl to run them.");
