import { INPUT_CODES, type CodeInfo } from "../diagnostics/codes.js";
import type { RuleMeta } from "./rule.js";
import { BUILT_IN_CHECKS, RULES } from "./rules/index.js";

/** A code as rule metadata, so SARIF descriptors and `kforge explain` treat codes like rules. */
export function codeMeta(id: string, info: CodeInfo): RuleMeta {
  return { id, defaultSeverity: info.severity ?? "error", description: info.title, rationale: info.explanation, remediation: info.fix };
}

/** Every input and tree code, as rule metadata, sorted by id. */
export const CODE_METAS: readonly RuleMeta[] = Object.entries(INPUT_CODES)
  .map(([id, info]) => codeMeta(id, info))
  .sort((a, b) => (a.id < b.id ? -1 : 1));

/** Everything kforge can print as a finding's id: rules, built-in checks and codes, sorted. */
export function catalog(): RuleMeta[] {
  return [...RULES.map((r) => r.meta), ...BUILT_IN_CHECKS, ...CODE_METAS].sort((a, b) => (a.id < b.id ? -1 : 1));
}

export function isCode(id: string): boolean {
  return CODE_METAS.some((m) => m.id === id);
}
