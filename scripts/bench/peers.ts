/**
 * The tools kforge is compared with, used only when their binary is already installed:
 * `kubectl kustomize` (on PATH) and `kubeconform` ($KUBECONFORM, else on PATH). The bench never
 * downloads or builds them.
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { runPeer, type RunSpec, type Timed } from "./run-timed.js";

export interface Peer {
  name: "kubectl kustomize" | "kubeconform -strict -n 2";
  path: string;
  version: string;
}

function onPath(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir, binary);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

function firstLine(path: string, args: string[]): string {
  const result = spawnSync(path, args, { encoding: "utf8", timeout: 10_000 });
  return `${result.stdout ?? ""}${result.stderr ?? ""}`.trim().split("\n")[0] ?? "unknown";
}

export function findKubectl(): Peer | undefined {
  const path = onPath("kubectl");
  return path ? { name: "kubectl kustomize", path, version: firstLine(path, ["version", "--client"]) } : undefined;
}

export function findKubeconform(): Peer | undefined {
  const path = process.env.KUBECONFORM || onPath("kubeconform");
  return path ? { name: "kubeconform -strict -n 2", path, version: firstLine(path, ["-v"]) } : undefined;
}

/**
 * `kubectl kustomize` of every cluster tree, one process per tree, one after the other: the
 * trees of different clusters cannot be built as one kustomization (their Namespaces and
 * StorageClasses have the same ids), and a CI loop over clusters runs exactly this.
 */
export function kustomizeAll(peer: Peer, root: string, clusterNames: readonly string[], timeoutMs: number): Timed {
  const total: Timed = { ms: 0, cpuMs: 0 };
  for (const name of clusterNames) {
    const one = runPeer({ command: peer.path, args: ["kustomize", join("clusters", name, "rendered")], cwd: root, ok: [0], timeoutMs });
    total.ms += one.ms;
    total.cpuMs = one.cpuMs === undefined || total.cpuMs === undefined ? undefined : total.cpuMs + one.cpuMs;
    if (one.maxRssMb !== undefined) total.maxRssMb = Math.max(total.maxRssMb ?? 0, one.maxRssMb);
  }
  return total;
}

/**
 * `kubeconform -strict -n 2 -summary` of the corpus for Kubernetes 1.30. kubeconform fetches
 * schemas from GitHub unless told otherwise: set KUBECONFORM_SCHEMA_LOCATION (comma-separated,
 * kubeconform's -schema-location syntax) to a local copy for an offline run.
 */
export function kubeconformSpec(peer: Peer, corpusDir: string, cwd: string, timeoutMs: number): RunSpec {
  const locations = (process.env.KUBECONFORM_SCHEMA_LOCATION ?? "").split(",").filter(Boolean).flatMap((l) => ["-schema-location", l]);
  // Exit 1 means "some documents are invalid": the corpus has planted defects.
  return { command: peer.path, args: ["-strict", "-n", "2", "-summary", "-kubernetes-version", "1.30.0", ...locations, corpusDir], cwd, ok: [0, 1], timeoutMs };
}
