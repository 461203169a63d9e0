import { stat } from "node:fs/promises";
import { relative, resolve } from "node:path";
import fg from "fast-glob";
import { expiredExemptions } from "../policy/apply-policy.js";
import type { Policy } from "../policy/policy.js";
import type { Resource } from "../resources/resource.js";
import { resolveSchemaSet } from "../validate/validate-schema.js";
import type { LintRun } from "./lint-clusters.js";
import { lintSet } from "./lint-set.js";
import { parseFiles } from "./parse-files.js";
import type { LintTarget, Rule } from "./rule.js";

/** A path the user gave that does not exist: a usage error, never a silent skip. */
export class MissingPathError extends Error {}

/**
 * Lints arbitrary manifests: every given file (folders are searched for *.yaml and *.yml) forms
 * one universe, so cross-resource rules see objects in other files.
 */
export async function lintPaths(cwd: string, paths: readonly string[], target: LintTarget, rules: readonly Rule[], policy: Policy, today: string): Promise<LintRun> {
  const files = await expandPaths(cwd, paths);
  const parsed = await parseFiles(files.map((file) => ({ file, absolute: resolve(cwd, file) })));
  const resources = parsed.resources.filter((r) => !isBuildConfiguration(r));
  const problems = parsed.problems;
  const result = lintSet({ resources, problems, target, rules, policy, today });
  return {
    findings: [...result.findings, ...expiredExemptions(policy, today)],
    exempted: result.exempted,
    diagnostics: result.diagnostics,
    targets: [{ name: "files", kubernetesVersion: target.kubernetesVersion, schemaSet: resolveSchemaSet(target.kubernetesVersion)?.set ?? "none", resources: resources.length }],
  };
}

/**
 * kustomization.yaml files (and kustomize Components) are instructions for `kustomize build`,
 * never applied to a cluster: a rendered tree linted as files must not report them.
 */
function isBuildConfiguration(resource: Resource): boolean {
  return String(resource.object.apiVersion).startsWith("kustomize.config.k8s.io/");
}

async function expandPaths(cwd: string, paths: readonly string[]): Promise<string[]> {
  const files = new Set<string>();
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) throw new MissingPathError(`${path}: no such file or folder`);
    if (info.isDirectory()) {
      const found = await fg("**/*.{yaml,yml}", { cwd: absolute, onlyFiles: true, dot: false, followSymbolicLinks: false, ignore: ["**/node_modules/**"] });
      for (const f of found) files.add(toDisplay(cwd, resolve(absolute, f)));
    } else {
      files.add(toDisplay(cwd, absolute));
    }
  }
  return [...files].sort();
}

function toDisplay(cwd: string, absolute: string): string {
  // Shown as the user would type it from where they ran kforge.
  return relative(cwd, absolute).split("\\").join("/");
}
