import { buildReport } from "../lint/build-report.js";
import { diagnosticFindings } from "../lint/diagnostic-findings.js";
import { RULES } from "../lint/rules/index.js";
import { loadPolicies } from "../policy/load-policies.js";
import { describeChanges } from "../tree/describe-changes.js";
import { checkRepository } from "../check/check-repository.js";
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
findings, 2 usage or configuration errors, or a file-system fault.`,
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
    const check = await checkRepository(root, policy, today());
    const files = new Map(check.files);
    if (check.inputProblems.length > 0) {
      // The report still goes out, in the chosen format, with the input errors as its findings.
      if (output.format !== "text") printDiagnostics(check.inputProblems, io, "check stopped before lint");
      const report = buildReport(diagnosticFindings(check.inputProblems), [], RULES, output.failOn, 0);
      await writeReport(report, output, io, root, files);
      return EXIT.findings;
    }
    if (check.treeProblems.length > 0) printDiagnostics(check.treeProblems, io, "the tree cannot be rendered as is");
    const stale = check.changes.length > 0;
    if (stale) io.stderr(`kforge check: the committed tree is out of date (${check.changes.length} files):\n${describeChanges(check.changes)}\nRun \`kforge render\` and commit the result.\n`);
    else io.stderr(`kforge check: the committed tree is up to date (${check.clusters} clusters, ${files.size} files).\n`);
    if (check.lintProblems.length > 0) {
      printDiagnostics(check.lintProblems, io, "lint did not run");
      return EXIT.usage;
    }
    const report = buildReport(check.findings, check.targets, RULES, output.failOn, check.exempted);
    await writeReport(report, output, io, root, files);
    return stale || check.treeProblems.length > 0 || report.summary.failed ? EXIT.findings : EXIT.ok;
  },
};
