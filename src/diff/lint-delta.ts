import type { Finding } from "../lint/finding.js";
import { identityKey } from "./resource-identity.js";

/**
 * Findings the change introduces (in `head`, not in `base`) and fixes (in `base`, not in
 * `head`). Findings are matched without positions, so an edit that only moves lines changes
 * nothing: rule, cluster, resource (canonical identity) and message; messages that quote
 * another place (`file.yaml:12`) are compared without the line. Counts matter: a second
 * identical finding is new.
 */
export function lintDelta(base: readonly Finding[], head: readonly Finding[]): { introduced: Finding[]; fixed: Finding[] } {
  return { introduced: without(head, base), fixed: without(base, head) };
}

function without(findings: readonly Finding[], others: readonly Finding[]): Finding[] {
  const remaining = new Map<string, number>();
  for (const f of others) remaining.set(findingKey(f), (remaining.get(findingKey(f)) ?? 0) + 1);
  return findings.filter((f) => {
    const left = remaining.get(findingKey(f)) ?? 0;
    if (left === 0) return true;
    remaining.set(findingKey(f), left - 1);
    return false;
  });
}

export function findingKey(f: Finding): string {
  const subject = f.resource ? identityKey(f.resource) : f.file;
  const message = f.message.replace(/(\.ya?ml):\d+(?::\d+)?/g, "$1");
  return [f.ruleId, f.cluster ?? "", subject, message].join("\u0000");
}
