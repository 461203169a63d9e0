import { checkReport } from "../check/check-report.js";
import { describeChanges } from "../tree/describe-changes.js";
import { EXIT, type Command } from "./cli-io.js";
import { CLUSTER_FLAG, selectClusters } from "./cluster-option.js";
import { LINT_FLAGS, lintOutputOptions, today } from "./lint-options.js";
import { parseFlags } from "./parse-flags.js";
import { resolveRoot } from "./resolve-root.js";
import { useImportedSchemas } from "../schemas/imported-schemas.js";
import { writeReport } from "./write-report.js";
import { plural } from "../report/plural.js";

const FLAGS = { ...LINT_FLAGS, ...CLUSTER_FLAG } as const;

export const checkCommand: Command = {
  name: "check",
  flags: FLAGS,
  summary: "render --check and lint every cluster in one pass: the command CI runs",
  usage: `Usage: kforge check [--cluster NAME ...] [--format text|json|sarif|github|markdown] [--output FILE]
                    [--fail-on error|warning] [--root DIR]

Renders every cluster in memory once, checks that the committed trees are up to date, and
lints each render with its cluster's Kubernetes version, node-port range, provided objects
and policy. Every problem is a finding in the report, in every format: input errors (policy,
cluster, blueprint, values, template), generated files that are stale, missing, orphaned or
edited by hand (at the first line that differs, with the values line that changed it when
known), and lint findings. A cluster with an input error is reported and the others are still
checked. \`kforge explain CODE\` describes any code in the report.

Outside CI (CI unset) and when git tracks nothing under .kforge-cache/, releases that an
earlier \`kforge render\` stored come from its cache, and a cluster whose lint inputs did not
change since the last check takes its findings from .kforge-cache/lint/ (the only file check
writes). The report is the same either way.

Options:
  --cluster NAME   check only this cluster; repeatable (for CI matrices). The fleet
                   ApplicationSet and expired exemptions are then left out
  --format F       text (default), json, sarif, github (workflow commands), markdown
  --output FILE    write the report to FILE instead of standard output
  --fail-on LEVEL  exit 1 when a finding is at or above LEVEL: error (default) or warning
  --root DIR       repository root (default: nearest folder upwards with clusters/)
  -h, --help       show this help

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it (a stale tree and input
errors are error findings), 2 usage errors or a file-system fault.`,
  async run(args, io) {
    const { values } = parseFlags("check", args, FLAGS);
    if (values.help) {
      io.stdout(`${this.usage}\n`);
      return EXIT.ok;
    }
    const output = lintOutputOptions(values);
    const root = resolveRoot(io.cwd, values.root);
    useImportedSchemas(root);
    const clusters = await selectClusters(root, values.cluster);
    const run = await checkReport(root, { clusters, failOn: output.failOn, today: today() });
    await writeReport(run.report, output, io, root, run.files);
    const s = run.report.summary;
    // The report has everything; standard error keeps a log line whatever format went to stdout.
    if (run.broken > 0) io.stderr(`kforge check: ${plural(run.broken, "cluster")} not compared or linted: input errors (in the report).\n`);
    if (run.changes.length > 0) {
      io.stderr(`kforge check: the committed tree is out of date (${plural(run.changes.length, "file")}):\n${describeChanges(run.changes)}\nRun \`kforge render\` and commit the result.\n`);
    } else if (run.broken === 0) {
      io.stderr(`kforge check: the committed tree is up to date (${plural(run.clusters, "cluster")}, ${plural(run.fileCount, "file")}).\n`);
    }
    return s.failed ? EXIT.findings : EXIT.ok;
  },
};
