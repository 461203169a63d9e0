import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { expiredExemptions } from "../policy/apply-policy.js";
import { admissionForCluster } from "../policy/load-admission-policies.js";
import type { Policy } from "../policy/policy.js";
import type { ClusterRender } from "../render/render-clusters.js";
import type { LintedTarget } from "../report/lint-report.js";
import { importedCrdSet } from "../validate/imported-registry.js";
import { resolveSchemaSet } from "../validate/validate-schema.js";
import type { Finding } from "./finding.js";
import { lintSet, type LintSetResult } from "./lint-set.js";
import type { LintTarget, Rule } from "./rule.js";

export interface LintRun {
  findings: Finding[];
  targets: LintedTarget[];
  exempted: number;
  diagnostics: Diagnostic[];
}

/**
 * Lints each cluster's render in memory, each with its own Kubernetes version, node-port range,
 * provided objects and policy. The tree plus `provided` is the whole cluster.
 */
export function lintClusters(renders: readonly ClusterRender[], rules: readonly Rule[], policy: Policy, today: string): LintRun {
  const run = lintClusterRenders(renders, rules, policy, today);
  run.findings.push(...expiredExemptions(policy, today));
  return run;
}

/** Results of earlier runs, per cluster render: what `kforge check` keeps in its cache. */
export interface ClusterLintMemo {
  recall(render: ClusterRender): LintSetResult | undefined;
  remember(render: ClusterRender, result: LintSetResult): void;
}

/** lintClusters without the policy's own findings (expired exemptions): for part of a repository. */
export function lintClusterRenders(renders: readonly ClusterRender[], rules: readonly Rule[], policy: Policy, today: string, memo?: ClusterLintMemo): LintRun {
  const run: LintRun = { findings: [], targets: [], exempted: 0, diagnostics: [] };
  for (const render of renders) {
    const { cluster, resources } = render;
    run.targets.push({ name: cluster.name, kubernetesVersion: cluster.kubernetesVersion, schemaSet: resolveSchemaSet(cluster.kubernetesVersion)?.set ?? "none", resources: resources.length });
    const recalled = memo?.recall(render);
    if (recalled) {
      add(run, recalled);
      continue;
    }
    const target: LintTarget = {
      kubernetesVersion: cluster.kubernetesVersion,
      nodePortRange: cluster.nodePortRange,
      provided: cluster.provided,
      mode: "cluster",
      crds: (cluster.crdSets ?? []).flatMap((name) => importedCrdSet(name)?.crds ?? []),
    };
    if (policy.admission) target.admission = admissionForCluster(policy.admission, cluster.name, policy.admissionExcluded?.get(cluster.name));
    const result = lintSet({ resources, target, rules, policy, cluster: cluster.name, today });
    memo?.remember(render, result);
    add(run, result);
  }
  return run;
}

function add(run: LintRun, result: LintSetResult): void {
  run.findings.push(...result.findings);
  run.exempted += result.exempted;
  run.diagnostics.push(...result.diagnostics);
}

