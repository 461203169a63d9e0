/**
 * Large inputs a pull request can bring: a values file whose mapping has 100k entries (rendered
 * into one Deployment's env) and a manifest with a 100k-key mapping. Both must take seconds, not
 * minutes: the YAML duplicate-key check and the position lookups are linear.
 */
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BenchContext } from "./measure.js";
import { kforgeSpec, runKforge, type Timed } from "./run-timed.js";

export const LARGE_MAPPING_KEYS = 100_000;

export interface UntrustedInputResult {
  keys: number;
  renderLargeValues: Timed;
  lintLargeMapping: Timed;
}

export function measureUntrustedInput(ctx: BenchContext): UntrustedInputResult {
  const root = join(ctx.work, "large-input");
  mkdirSync(join(root, "clusters/big/values"), { recursive: true });
  mkdirSync(join(root, "blueprints"), { recursive: true });
  writeFileSync(join(root, "clusters/big/cluster.yaml"), `apiVersion: kforge.dev/v1alpha1
kind: Cluster
metadata: {name: big}
spec:
  kubernetesVersion: "1.30"
  gitops: {engine: argocd, repoURL: https://git.example.com/platform/gitops.git, targetRevision: main}
  releases:
    - {name: web, blueprint: web-app, namespace: web, valuesFile: values/web.yaml}
`);
  let values = "image: nginx:1.25\nenv:\n";
  for (let i = 0; i < LARGE_MAPPING_KEYS; i++) values += `  K${i}: v${i}\n`;
  writeFileSync(join(root, "clusters/big/values/web.yaml"), values);
  let manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big, namespace: default}\ndata:\n";
  for (let i = 0; i < LARGE_MAPPING_KEYS; i++) manifest += `  k${i}: v${i}\n`;
  writeFileSync(join(root, "large-configmap.yaml"), manifest);
  // The repository's own web-app blueprint: the bench needs a real one with an env mapping.
  cpSync(join(ctx.repoRoot, "blueprints", "web-app"), join(root, "blueprints", "web-app"), { recursive: true });
  ctx.log(`large inputs: ${LARGE_MAPPING_KEYS} env entries through the web-app blueprint, a ${LARGE_MAPPING_KEYS}-key ConfigMap`);
  const renderLargeValues = runKforge(kforgeSpec(ctx.kforgeBin, ["render", "--no-cache", "--root", root], root, [0], ctx.options.timeoutMs));
  // The ConfigMap is over the API server's size limit: lint reports it (exit 1), which is the point.
  const lintLargeMapping = runKforge(kforgeSpec(ctx.kforgeBin, ["lint", "large-configmap.yaml", "--format", "json", "--output", join(ctx.work, "large-lint.json")], root, [1], ctx.options.timeoutMs));
  return { keys: LARGE_MAPPING_KEYS, renderLargeValues, lintLargeMapping };
}

export function formatUntrustedInput(result: UntrustedInputResult): string {
  const line = (name: string, t: Timed) => `  ${name.padEnd(52)} ${(t.ms / 1000).toFixed(1).padStart(6)} s  peak ${Math.round(t.maxRssMb ?? 0)} MiB`;
  return [
    `Large untrusted inputs (target: seconds, not minutes):`,
    line(`kforge render, values with ${result.keys} env entries`, result.renderLargeValues),
    line(`kforge lint, a ConfigMap of ${result.keys} keys`, result.lintLargeMapping),
  ].join("\n");
}
