import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { computeDiff } from "../diff/compute-diff.js";
import type { DiffResult } from "../diff/diff-result.js";
import { formatDiffMarkdown } from "../diff/format-diff-markdown.js";
import { formatDiffText, summaryLine } from "../diff/format-diff-text.js";
import { BaseRevisionError } from "../diff/git-base-tree.js";
import { EXIT, UsageError, type Command } from "./cli-io.js";
import { suggest, today } from "./lint-options.js";
import { parseFlags } from "./parse-flags.js";
import { printDiagnostics } from "./print-diagnostics.js";
import { resolveRoot } from "./resolve-root.js";
import { useImportedSchemas } from "../schemas/imported-schemas.js";
import { useColor } from "./use-color.js";

const FORMATS = ["text", "json", "markdown"] as const;
type DiffFormat = (typeof FORMATS)[number];

const FLAGS = { base: { type: "string" }, cluster: { type: "string" }, format: { type: "string" }, output: { type: "string" }, root: { type: "string" } } as const;

export const diffCommand: Command = {
  name: "diff",
  flags: FLAGS,
  summary: "what a change does to the rendered resources, GitOps objects and lint findings, per cluster, compared with a git revision",
  usage: `Usage: kforge diff [--base REF] [--cluster NAME] [--format text|json|markdown] [--output FILE] [--root DIR]

Renders the base revision and the working tree (uncommitted edits included) in memory and
reports, per cluster, which resources are added, removed or changed, with a unified diff
(3 lines of context) and the changed field paths of each changed resource: the rendered tree
and the GitOps objects of clusters/<name>/gitops/, then the fleet ApplicationSet
(clusters/applicationset.yaml). Then the lint delta: findings the change introduces (with
their positions now) and findings it fixes (with their positions at the base), so a pull
request is judged on what it changed.

How it compares:
  - The base is read from git: every file tracked under the root at REF is copied out of the
    object database into a temp folder (removed afterwards), so values files anywhere in the
    repository (e.g. valuesFile: ../../common/web.yaml), blueprints and policies are those
    of REF. Nothing is checked out; the working tree and index are not touched. A folder
    missing at REF counts as empty, so a first commit that adds a cluster shows all its
    resources as added.
  - Resources are what the blueprints and cluster.yaml files produce, not the committed
    rendered/ files: run \`kforge render --check\` (or \`kforge check\`) for those. The GitOps
    objects (Application and AppProject, or GitRepository and Kustomization) and the fleet
    ApplicationSet are compared like resources, so a gitops.targetRevision change shows;
    kustomization.yaml files (kustomize's own index) are not compared. With --cluster the
    fleet ApplicationSet is not compared: it depends on every cluster.
  - Resources are matched by API group, kind, namespace and name. The version is left out,
    and a kind that moved group (extensions/v1beta1 -> apps/v1 Deployment) keeps its
    identity, so an apiVersion bump is a change, not a removal and an addition.
  - Secret data/stringData values are never printed: keys are shown with "<redacted>", and
    "<redacted, changed>" on the new side when the value changed.
  - Findings are matched without positions (rule, cluster, resource, message), so moving
    lines is not a change. Each side is linted with its own policies/.
  - A base cluster that does not render is reported (with its errors) and left out of the
    comparison (and of the fleet ApplicationSet's, on both sides, when its cluster.yaml does
    not load); a working tree that does not render prints its errors and exits 1.

Options:
  --base REF      git revision to compare with (default: HEAD). In CI, pass the pull
                  request's base: origin/$GITHUB_BASE_REF or its commit SHA
  --cluster NAME  compare only this cluster
  --format F      text (default), json (one object: {base, clusters, fleet, lint, summary}), or
                  markdown (the pull request comment body)
  --output FILE   write the report to FILE instead of standard output (a one-line summary
                  goes to standard error)
  --root DIR      repository root (default: nearest folder upwards with clusters/)
  -h, --help      show this help

Exit codes: 0 no changes, 1 changes (resources, GitOps objects, the fleet ApplicationSet or
lint findings), a base cluster that could not be compared, or a working tree that does not
render, 2 usage errors (unknown REF, not a git repository, bad flags, policies that do not
load).`,
  async run(args, io) {
    const { values } = parseFlags("diff", args, FLAGS);
    if (values.help) {
      io.stdout(`${this.usage}\n`);
      return EXIT.ok;
    }
    const format = values.format ?? "text";
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format ${format}: expected one of ${FORMATS.join(", ")}${suggest(format, FORMATS)}`);
    const root = resolveRoot(io.cwd, values.root);
    useImportedSchemas(root);
    const base = values.base ?? "HEAD";
    const run = await computeDiff({ root, base, cluster: values.cluster, today: today() }).catch((error: unknown) => {
      throw error instanceof BaseRevisionError ? new UsageError(error.message) : error;
    });
    if (!run.ok) {
      const outcome = { render: "the working tree does not render; nothing was compared", policy: "diff did not run", lint: "lint did not run" }[run.stage];
      printDiagnostics(run.diagnostics, io, outcome);
      return run.stage === "render" ? EXIT.findings : EXIT.usage;
    }
    const { result } = run;
    if (values.cluster && result.clusters.length === 0) {
      throw new UsageError(`no cluster "${values.cluster}" in the working tree or at ${base} (looked for clusters/${values.cluster}/cluster.yaml)`);
    }
    const text = formatResult(result, format as DiffFormat, useColor(io.isTty, Boolean(values.output)));
    if (values.output) {
      const path = resolve(io.cwd, values.output);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
      io.stderr(`kforge diff: ${summaryLine(result)} Written to ${values.output}.\n`);
    } else {
      io.stdout(text);
    }
    return result.summary.hasChanges ? EXIT.findings : EXIT.ok;
  },
};

function formatResult(result: DiffResult, format: DiffFormat, color: boolean): string {
  if (format === "json") return `${JSON.stringify(result, null, 2)}\n`;
  if (format === "markdown") return formatDiffMarkdown(result);
  return formatDiffText(result, { color });
}
