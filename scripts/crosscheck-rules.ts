/**
 * Lints the widely deployed manifests and peer-tool fixtures in ../shared/corpus (a workspace-only
 * reference, never shipped or read at run time) and prints every finding grouped by rule, so
 * false positives show up before users find them. Each folder is one set, as a team would lint it.
 * Skips with a message when ../shared is absent.
 *
 *   npm run crosscheck:rules [-- --kube-version 1.30] [-- --rule RULE]
 */
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { lintPaths } from "../src/lint/lint-paths.js";
import { RULES } from "../src/lint/rules/index.js";
import { EMPTY_POLICY } from "../src/policy/policy.js";

const CORPUS = fileURLToPath(new URL("../../shared/corpus/", import.meta.url));
const flag = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const kubernetesVersion = flag("--kube-version") ?? "1.30";
const onlyRule = flag("--rule");

if (!existsSync(CORPUS)) {
  console.log(`crosscheck:rules skipped: ${CORPUS} (the reference corpus) is not here`);
  process.exit(0);
}

const byRule = new Map<string, string[]>();
for (const group of ["real-world", "peer-fixtures"]) {
  for (const folder of readdirSync(`${CORPUS}${group}`, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const run = await lintPaths(`${CORPUS}${group}`, [folder], {
      kubernetesVersion,
      nodePortRange: { min: 30000, max: 32767 },
      provided: { storageClasses: [], namespaces: [] },
      mode: "files",
    }, RULES, EMPTY_POLICY, new Date().toISOString().slice(0, 10));
    for (const f of run.findings) {
      if (onlyRule && f.ruleId !== onlyRule) continue;
      const list = byRule.get(f.ruleId) ?? [];
      list.push(`${group}/${f.file}:${f.line}:${f.column} ${f.severity} ${f.message}`);
      byRule.set(f.ruleId, list);
    }
  }
}
for (const [rule, findings] of [...byRule].sort(([a], [b]) => (a < b ? -1 : 1))) {
  console.log(`\n## ${rule} (${findings.length})`);
  for (const line of findings) console.log(`  ${line}`);
}
console.log(`\n${[...byRule.values()].reduce((n, l) => n + l.length, 0)} findings at Kubernetes ${kubernetesVersion}; read each one: every finding must be true.`);
