import { readFile } from "node:fs/promises";
import { join } from "node:path";
import fg from "fast-glob";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { parseManifests } from "../resources/parse-manifests.js";
import type { Resource } from "../resources/resource.js";

/** The annotation that limits an object of policies/admission/ to some clusters: "bjrdc-dev" or "bjrdc-dev, prod". */
export const CLUSTERS_ANNOTATION = "kforge.dev/clusters";

/**
 * Reads policies/admission/*.yaml (sorted by name): ValidatingAdmissionPolicies, their bindings
 * and the objects they take as params, which the `admission-policy` rule evaluates on every
 * cluster they are meant for. A file that is not YAML is a diagnostic; a missing folder is no policy.
 */
export async function loadAdmissionPolicies(root: string): Promise<{ resources: Resource[]; diagnostics: Diagnostic[] }> {
  const files = (await fg("policies/admission/*.{yaml,yml}", { cwd: root, onlyFiles: true })).sort();
  const resources: Resource[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const parsed = parseManifests(await readFile(join(root, file), "utf8"), file);
    resources.push(...parsed.resources);
    for (const problem of parsed.problems) {
      if (problem.code === "yaml-syntax") diagnostics.push({ code: "yaml-syntax", message: problem.message, file, line: problem.span.line, column: problem.span.column });
    }
  }
  return { resources, diagnostics };
}

/**
 * The objects of policies/admission/ meant for `cluster`: all but those whose kforge.dev/clusters
 * annotation leaves it out, and but the policies the cluster excludes in its policy overrides
 * (`spec.clusters.<name>.admission.exclude`), with their bindings.
 */
export function admissionForCluster(resources: readonly Resource[], cluster: string, excluded: ReadonlySet<string> = new Set()): Resource[] {
  return resources.filter((resource) => {
    const { kind, metadata, spec } = resource.object as { kind?: unknown; metadata?: { name?: unknown; annotations?: Record<string, unknown> }; spec?: { policyName?: unknown } };
    if (kind === "ValidatingAdmissionPolicy" && excluded.has(String(metadata?.name))) return false;
    if (kind === "ValidatingAdmissionPolicyBinding" && excluded.has(String(spec?.policyName))) return false;
    const clusters = metadata?.annotations?.[CLUSTERS_ANNOTATION];
    if (typeof clusters !== "string") return true;
    return clusters.split(",").map((name) => name.trim()).includes(cluster);
  });
}
