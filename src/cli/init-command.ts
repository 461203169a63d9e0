import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { PACKAGE_ROOT } from "../package-root.js";
import { GITIGNORE_LINES, scaffoldFiles } from "../init/scaffold.js";
import { newestVersion } from "../validate/schema-sets.js";
import { EXIT, UsageError, type CliIo, type Command } from "./cli-io.js";
import { parseFlags } from "./parse-flags.js";
import { runRender } from "./render-command.js";

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const FLAGS = { cluster: { type: "string" }, engine: { type: "string" }, "repo-url": { type: "string" }, "kube-version": { type: "string" }, force: { type: "boolean" } } as const;

export const initCommand: Command = {
  name: "init",
  flags: FLAGS,
  summary: "start a kforge repository: a first cluster, a policy, the CI workflows, then render it",
  usage: `Usage: kforge init [DIR] [--cluster NAME] [--engine argocd|flux] [--repo-url URL] [--kube-version X.Y] [--force]

Writes a kforge repository into DIR (default: the current folder) and renders it, so that
\`kforge check\` passes right away:
  clusters/NAME/cluster.yaml     a first cluster with one release of the library's web-app blueprint
  policies/platform.yaml         which lint rules apply, at what severity
  .github/workflows/kforge.yml   check, diff, annotations, SARIF and the job summary on every pull request
  .github/workflows/kforge-comment.yml   the sticky pull-request comment (runs with write access, on results only)
  .gitignore                     gains .kforge-cache/ and node_modules/ (appended, never replaced)
  package.json                   only when there is none: kforge as a devDependency, for npm ci in CI

Existing files are never overwritten: init lists them and stops, unless --force.

Options:
  --cluster NAME       name of the first cluster (default: dev)
  --engine E           argocd (default) or flux
  --repo-url URL       the repository's git URL as the GitOps engine sees it
                       (default: https://git.example.com/platform/gitops.git, to be edited)
  --kube-version X.Y   the cluster's Kubernetes minor (default: the newest kforge knows)
  --force              overwrite files that exist
  -h, --help           show this help

Exit codes: 0 written and rendered, 1 the render failed, 2 usage errors or existing files.`,
  async run(args, io) {
    const { values, positionals } = parseFlags("init", args, FLAGS, true);
    if (values.help) {
      io.stdout(`${this.usage}\n`);
      return EXIT.ok;
    }
    if (positionals.length > 1) throw new UsageError(`kforge init takes one folder, got ${positionals.length}: ${positionals.join(", ")}`);
    const root = resolve(io.cwd, positionals[0] ?? ".");
    const cluster = values.cluster ?? "dev";
    if (!NAME.test(cluster) || cluster.length > 63) throw new UsageError(`--cluster ${JSON.stringify(cluster)} is not a valid cluster name: lowercase letters, digits and '-', at most 63 characters`);
    const engine = values.engine ?? "argocd";
    if (engine !== "argocd" && engine !== "flux") throw new UsageError(`--engine must be argocd or flux, not ${JSON.stringify(engine)}`);
    const repoURL = values["repo-url"] ?? "https://git.example.com/platform/gitops.git";
    if (!/^(https?|ssh|git):\/\/\S+$|^[\w.-]+@[\w.-]+:\S+$/.test(repoURL)) throw new UsageError(`--repo-url ${JSON.stringify(repoURL)} is not a git URL (https://..., ssh://... or git@host:path)`);
    const kubernetesVersion = values["kube-version"] ?? newestVersion();
    const kforgeVersion = (JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
    const files = scaffoldFiles({ root, cluster, engine, repoURL, kubernetesVersion, kforgeVersion, hasPackageJson: existsSync(join(root, "package.json")) });
    const existing = [...files.keys()].filter((path) => existsSync(join(root, path)));
    if (existing.length > 0 && !values.force) {
      io.stderr(`kforge init: ${existing.length === 1 ? "this file exists" : "these files exist"} and would be overwritten:\n${existing.map((p) => `  ${p}\n`).join("")}Nothing was written. Move ${existing.length === 1 ? "it" : "them"} away, or run kforge init --force to overwrite.\n`);
      return EXIT.usage;
    }
    for (const [path, text] of files) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const gitignore = join(root, ".gitignore");
    const ignored = existsSync(gitignore) ? readFileSync(gitignore, "utf8") : "";
    const missing = GITIGNORE_LINES.filter((line) => !ignored.split("\n").some((l) => l.trim() === line || l.trim() === line.replace(/\/$/, "")));
    if (missing.length > 0) writeFileSync(gitignore, `${ignored}${ignored === "" || ignored.endsWith("\n") ? "" : "\n"}${missing.join("\n")}\n`);
    io.stdout(`kforge init: wrote ${files.size} files${missing.length > 0 ? " and .gitignore entries" : ""} in ${root}:\n${[...files.keys()].map((p) => `  ${p}\n`).join("")}`);
    const rendered = await runRender(io, { check: false, root });
    if (rendered !== EXIT.ok) return rendered;
    io.stdout(`Next: ${files.has("package.json") ? "npm install (it writes package-lock.json, which CI's npm ci needs), " : "npm install --save-dev kforge, "}edit clusters/${cluster}/cluster.yaml (repoURL, releases), kforge render, commit.\n`);
    return EXIT.ok;
  },
};
