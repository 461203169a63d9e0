import { buildReport } from "../lint/build-report.js";
import { diagnosticFindings } from "../lint/diagnostic-findings.js";
import type { Finding } from "../lint/finding.js";
import { lintClusters, type LintRun } from "../lint/lint-clusters.js";
import { lintPaths, MissingPathError } from "../lint/lint-paths.js";
import { RULES } from "../lint/rules/index.js";
import { loadPolicies } from "../policy/load-policies.js";
import { unknownPolicyClusters } from "../policy/policy-clusters.js";
import { discoverClusterFiles } from "../repo/discover-clusters.js";
import { join, posix, resolve } from "node:path";
import { CACHE_DIR, trustedCacheDir } from "../render/render-cache.js";
import { flushCrdCache, useCrdCache } from "../validate/crd-cache.js";
import { renderClusters } from "../render/render-clusters.js";
import { EXIT, UsageError, type Command } from "./cli-io.js";
import { CLUSTER_FLAG, selectClusters } from "./cluster-option.js";
import { kubeVersionOption, LINT_FLAGS, lintOutputOptions, today } from "./lint-options.js";
import { parseFlags } from "./parse-flags.js";
import { printDiagnostics } from "./print-diagnostics.js";
import { resolveRoot } from "./resolve-root.js";
import { importsRoot, useImportedSchemas } from "../schemas/imported-schemas.js";
import { allImportedCrds } from "../validate/imported-registry.js";
import { writeReport } from "./write-report.js";

const FLAGS = { ...LINT_FLAGS, ...CLUSTER_FLAG, "kube-version": { type: "string" }, "cache-dir": { type: "string" } } as const;

export const lintCommand: Command = {
  name: "lint",
  flags: FLAGS,
  summary: "validate manifests strictly against the Kubernetes API and run the policy rules",
  usage: `Usage: kforge lint [PATH...] [--cluster NAME ...] [--kube-version X.Y] [--format text|json|sarif|github|markdown]
                   [--output FILE] [--fail-on error|warning] [--root DIR]

Without PATH: lints every cluster's render in memory, each with its own Kubernetes version,
node-port range, provided objects and policy (policies/*.yaml). An input error (cluster,
blueprint, values, template) is a finding, and the other clusters are still linted.
With PATHs: lints files or folders of manifests (multi-document YAML) as one set, for the
Kubernetes version given by --kube-version (default: the newest supported). Policies are read
from ./policies when present. Versions and CRD sets imported with \`kforge schemas import\`
(schemas/imported/) are used: in cluster mode the CRD sets each cluster file lists in
spec.schemas.crds, with PATHs every imported set.

Options:
  --cluster NAME        lint only this cluster (cluster mode); repeatable
  --kube-version X.Y    target Kubernetes version for PATHs
  --format F            text (default), json, sarif, github (workflow commands), markdown
  --output FILE         write the report to FILE instead of standard output
  --fail-on LEVEL       exit 1 when a finding is at or above LEVEL: error (default) or warning
  --root DIR            repository root for cluster mode; with PATHs, the folder whose
                        schemas/imported/ is used (default: nearest with clusters/)
  --cache-dir DIR       with PATHs, where CRD schema verdicts are kept between runs
                        (default: .kforge-cache/ in that folder; not read in CI or when
                        git tracks files in it)
  -h, --help            show this help

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or configuration errors, or a file-system fault.`,
  async run(args, io) {
    const { values, positionals } = parseFlags("lint", args, FLAGS, true);
    if (values.help) {
      io.stdout(`${this.usage}\n`);
      return EXIT.ok;
    }
    const output = lintOutputOptions(values);
    if (positionals.length > 0 && values.cluster?.length) throw new UsageError("--cluster lints a cluster's render; it cannot be combined with PATHs");
    if (positionals.length === 0 && values["kube-version"]) throw new UsageError("--kube-version applies to PATHs; clusters use their own spec.kubernetesVersion");
    const root = positionals.length > 0 ? io.cwd : resolveRoot(io.cwd, values.root);
    // Imported versions and CRD sets: of the repository the files are in, or of the root.
    useImportedSchemas(positionals.length > 0 ? importsRoot(io.cwd, values.root) : root);
    const kubeVersion = kubeVersionOption(values["kube-version"]);
    const { policy, diagnostics: loadProblems } = await loadPolicies(root);
    // Cluster names in the policy are judged against the repository's clusters in cluster mode.
    const policyProblems = positionals.length > 0 || loadProblems.length > 0 ? loadProblems : unknownPolicyClusters(policy, await clusterNames(root));
    if (policyProblems.length > 0) {
      printDiagnostics(policyProblems, io, "lint did not run");
      return EXIT.usage;
    }
    let run: LintRun;
    let memory: Map<string, string> | undefined;
    // Input errors of clusters in cluster mode: findings beside the other clusters' lint.
    let inputFindings: Finding[] = [];
    if (positionals.length > 0) {
      const cacheDir = values["cache-dir"] ? resolve(io.cwd, values["cache-dir"]) : join(importsRoot(io.cwd, values.root), CACHE_DIR);
      useCrdCache(trustedCacheDir(cacheDir) ? cacheDir : undefined);
      try {
        run = await lintPaths(io.cwd, positionals, { kubernetesVersion: kubeVersion, nodePortRange: { min: 30000, max: 32767 }, provided: { storageClasses: [], namespaces: [] }, mode: "files", crds: allImportedCrds() }, RULES, policy, today());
      } catch (error) {
        if (error instanceof MissingPathError) throw new UsageError(error.message);
        throw error;
      } finally {
        flushCrdCache();
        useCrdCache(undefined);
      }
    } else {
      const render = await renderClusters(root, await selectClusters(root, values.cluster));
      inputFindings = diagnosticFindings(render.diagnostics);
      memory = render.files;
      run = lintClusters(render.clusters, RULES, policy, today());
    }
    if (run.diagnostics.length > 0) {
      printDiagnostics(run.diagnostics, io, "lint did not run");
      return EXIT.usage;
    }
    const report = buildReport([...inputFindings, ...run.findings], run.targets, RULES, output.failOn, run.exempted);
    await writeReport(report, output, io, root, memory);
    return report.summary.failed ? EXIT.findings : EXIT.ok;
  },
};

async function clusterNames(root: string): Promise<string[]> {
  return (await discoverClusterFiles(root)).map((file) => posix.basename(posix.dirname(file)));
}
