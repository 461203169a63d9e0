import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../package-root.js";

/** The workflows `kforge init` writes: the ones this package runs on its own example repository. */
export const WORKFLOW_FILES = ["kforge.yml", "kforge-comment.yml"] as const;

const OWN_INSTALL_NOTE = /^( *)# npm ci also builds dist\/ \(the prepare script\)\. kforge runs as `node bin\/kforge\.js`, not\n\1# `npx kforge`: npx falls back to the registry when a name does not resolve locally\.\n/m;

/**
 * A workflow of this repository as another repository runs it: kforge comes from that
 * repository's node_modules (a devDependency installed by `npm ci`), never from this source tree
 * and never through npx, which would fetch whatever the registry has when the name does not
 * resolve.
 */
export function consumerWorkflow(text: string): string {
  return text
    .replace(OWN_INSTALL_NOTE, (_, indent: string) => `${indent}# npm ci installs kforge (a devDependency of this repository). It runs as\n${indent}# \`node node_modules/kforge/bin/kforge.js\`, never through npx, which could fetch another package.\n`)
    .replaceAll("node bin/kforge.js", "node node_modules/kforge/bin/kforge.js")
    .replaceAll("./dist/github/", "./node_modules/kforge/dist/github/");
}

/** The package's own workflow files, turned for a consumer. */
export function readConsumerWorkflows(): Map<string, string> {
  return new Map(WORKFLOW_FILES.map((name) => [`.github/workflows/${name}`, consumerWorkflow(readFileSync(join(PACKAGE_ROOT, ".github", "workflows", name), "utf8"))]));
}
