import { lstatSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";

/**
 * Where the kforge root sits inside its git repository, with `/` separators: "" at the top,
 * "deploy" for a root in deploy/. GitOps engines read paths from the git repository's root, so
 * every path kforge writes into an Application or a Kustomization starts with it. A `.git`
 * folder or file (worktrees, submodules) marks the top; with none, the root is the top.
 */
export function gitPrefix(root: string): string {
  const start = resolve(root);
  for (let dir = start; ; dir = dirname(dir)) {
    if (lstatSync(`${dir}${sep}.git`, { throwIfNoEntry: false })) return relative(dir, start).split(sep).join("/");
    if (dirname(dir) === dir) return "";
  }
}
