import { readFile } from "node:fs/promises";
import { join } from "node:path";
import fg from "fast-glob";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { kforgeSchema } from "../repo/kforge-schemas.js";
import { schemaDiagnostics } from "../repo/schema-diagnostics.js";
import { closestName } from "../diagnostics/closest-name.js";
import type { FieldPath, Resource } from "../resources/resource.js";
import { parseYamlFile, type YamlFile } from "../yaml/read-yaml-file.js";
import { loadAdmissionPolicies } from "./load-admission-policies.js";
import type { Exemption, Policy, RulePolicy } from "./policy.js";

/**
 * Reads policies/*.yaml (sorted by name) under root, and the admission policies of
 * policies/admission/; a missing folder is an empty policy.
 */
export async function loadPolicies(root: string): Promise<{ policy: Policy; diagnostics: Diagnostic[] }> {
  const files = (await fg("policies/*.{yaml,yml}", { cwd: root, onlyFiles: true })).sort();
  const policy: Policy = { files, rules: new Map(), clusters: new Map(), clusterAt: new Map(), exemptions: [] };
  const diagnostics: Diagnostic[] = [];
  const excludes: ExcludedPolicy[] = [];
  for (const file of files) {
    const { yaml, diagnostics: problems } = parseYamlFile(await readFile(join(root, file), "utf8"), file);
    diagnostics.push(...problems);
    if (!yaml) continue;
    const validate = kforgeSchema("policy");
    if (!validate(structuredClone(yaml.value))) {
      diagnostics.push(...schemaDiagnostics(validate.errors ?? [], yaml, [], "policy-schema", "invalid policy file"));
      continue;
    }
    mergePolicy(policy, yaml, excludes);
  }
  const admission = await loadAdmissionPolicies(root);
  if (admission.resources.length > 0) policy.admission = admission.resources;
  diagnostics.push(...admission.diagnostics, ...unknownExcludes(excludes, admission.resources));
  return { policy, diagnostics };
}

/** An excluded name that no policy of policies/admission/ has would exclude nothing: a configuration error. */
function unknownExcludes(excludes: readonly ExcludedPolicy[], resources: readonly Resource[]): Diagnostic[] {
  const names = resources.filter((r) => r.object.kind === "ValidatingAdmissionPolicy").map((r) => String(r.object.metadata?.name));
  return excludes
    .filter(({ name }) => !names.includes(name))
    .map(({ name, at }) => {
      const guess = closestName(name, names);
      return {
        code: "policy-schema", ...at,
        message: `admission.exclude names "${name}", but no ValidatingAdmissionPolicy in policies/admission/ has that name${guess ? ` (did you mean "${guess}"?)` : ""}`,
        hint: names.length > 0 ? `name one of ${names.join(", ")}` : "policies/admission/ holds no ValidatingAdmissionPolicy; remove the exclude",
      };
    });
}

/** Where a policy file excludes an admission policy by name. */
interface ExcludedPolicy {
  name: string;
  at: { file: string; line: number; column: number };
}

function mergePolicy(policy: Policy, yaml: YamlFile, excludes: ExcludedPolicy[]): void {
  const spec = (yaml.value as { spec: Record<string, any> }).spec;
  const ref = (path: FieldPath, key = false) => {
    const span = key ? yaml.locateKey(path) : yaml.locate(path);
    return { file: yaml.file, line: span.line, column: span.column };
  };
  const readRules = (rules: Record<string, unknown> | undefined, base: FieldPath, into: Map<string, RulePolicy>) => {
    for (const [id, setting] of Object.entries(rules ?? {})) {
      const at = ref([...base, id], true);
      const parsed: RulePolicy = typeof setting === "string" ? { severity: setting as RulePolicy["severity"], at } : { ...(setting as object), at };
      const previous = into.get(id);
      into.set(id, { ...previous, ...parsed, options: parsed.options ?? previous?.options });
    }
  };
  readRules(spec.rules, ["spec", "rules"], policy.rules);
  for (const [cluster, overrides] of Object.entries((spec.clusters ?? {}) as Record<string, { rules?: Record<string, unknown>; admission?: { exclude?: string[] } }>)) {
    const map = policy.clusters.get(cluster) ?? new Map<string, RulePolicy>();
    readRules(overrides.rules, ["spec", "clusters", cluster, "rules"], map);
    (overrides.admission?.exclude ?? []).forEach((name, index) => {
      excludes.push({ name, at: ref(["spec", "clusters", cluster, "admission", "exclude", index]) });
      policy.admissionExcluded ??= new Map();
      const excluded = policy.admissionExcluded.get(cluster) ?? new Set<string>();
      excluded.add(name);
      policy.admissionExcluded.set(cluster, excluded);
    });
    policy.clusters.set(cluster, map);
    if (!policy.clusterAt.has(cluster)) policy.clusterAt.set(cluster, ref(["spec", "clusters", cluster], true));
  }
  (spec.exemptions ?? []).forEach((exemption: Omit<Exemption, "at" | "expiresAt">, index: number) => {
    policy.exemptions.push({ ...exemption, at: ref(["spec", "exemptions", index]), expiresAt: ref(["spec", "exemptions", index, "expires"]) });
  });
}
