import { buildReport } from "../lint/build-report.js";
import { diagnosticFindings } from "../lint/diagnostic-findings.js";
import { lintClusters } from "../lint/lint-clusters.js";
import { RULES } from "../lint/rules/index.js";
import { loadPolicies } from "../policy/load-policies.js";
import { renderClusters } from "../render/render-clusters.js";
import { describeChanges } from "../tree/describe-changes.js";
import { compareTree } from "../tree/tree-changes.js";
import { EXIT, type Command } from "./cli-io.js";
import { LINT_FLAGS, lintOutputOptions, today } from "./lint-options.js";
import { parseFlags } from "./parse-flags.js";
import { printDiagnostics } from "./print-diagnostics.js";
import { resolveRoot } from "./resolve-root.js";
import { writeReport } from "./write-report.js";

export const checkCommand: Command = {
  name: "check",
  summary: "render --check and lint every cluster in one pass: the command CI runs",
  usage: `Usage: kforge check [--format text|json|sarif|github|markdown] [--output FILE] [--fail-on error|warning] [--root DIR]

Renders every cluster in memory once, checks that the committed trees are up to date, and
lints each render with its cluster's Kubernetes version, node-port range, provided objects
and policy. The lint report goes to standard output (or --output); the tree check to
standard error.

Exit codes: 0 up to date and nothing at or above --fail-on, 1 stale tree, input errors or
findings, 2 usage or configuration errors.`,
  async run(args, io) {
    const { values } = parseFlags(args, LINT_FLAGS);
    if (values.help) {
      io.stdout(`${this.usage}\n`);
      return EXIT.ok;
    }
    const output = lintOutputOptions(values);
    const root = resolveRoot(io.cwd, values.root);
    const { policy, diagnostics: policyProblems } = await loadPolicies(root);
    if (policyProblems.length > 0) {
      printDiagnostics(policyProblems, io, "check did not run");
      return EXIT.usage;
    }
    const render = await renderClusters(root);
    if (render.diagnostics.length > 0) {
      // The report still goes out, in the chosen format, with the input errors as its findings.
      if (output.format !== "text") printDiagnostics(render.diagnostics, io, "check stopped before lint");
      const report = buildReport(diagnosticFindings(render.diagnostics), [], RULES, output.failOn, 0);
      await writeReport(report, output, io, root, render.files);
      return EXIT.findings;
    }
    const tree = await compareTree(root, render.files, render.ownedDirs, render.ownedFiles);
    if (tree.problems.length > 0) printDiagnostics(tree.problems, io, "the tree cannot be rendered as is");
    const stale = tree.changes.length > 0;
    if (stale) io.stderr(`kforge check: the committed tree is out of date (${tree.changes.length} files):\n${describeChanges(tree.changes)}\nRun \`kforge render\` and commit the result.\n`);
    else io.stderr(`kforge check: the committed tree is up to date (${render.clusters.length} clusters, ${render.files.size} files).\n`);
    const run = lintClusters(render.clusters, RULES, policy, today());
    if (run.diagnostics.length > 0) {
      printDiagnostics(run.diagnostics, io, "lint did not run");
      return EXIT.usage;
    }
    const report = buildReport(run.findings, run.targets, RULES, output.failOn, run.exempted);
    await writeReport(report, output, io, root, render.files);
    return stale || tree.problems.length > 0 || report.summary.failed ? EXIT.findings : EXIT.ok;
  },
};
