import { BUILT_IN_CHECKS, RULES } from "../lint/rules/index.js";
import type { RuleMeta } from "../lint/rule.js";
import { closestName } from "../diagnostics/closest-name.js";
import { EXIT, UsageError, type Command } from "./cli-io.js";
import { parseFlags } from "./parse-flags.js";

export const explainCommand: Command = {
  name: "explain",
  summary: "describe a lint rule: what it finds, why it matters, how to fix it, its options",
  usage: `Usage: kforge explain [RULE]

Without RULE: lists every rule with its default severity.`,
  async run(args, io) {
    const { values, positionals } = parseFlags(args, {}, true);
    if (values.help) {
      io.stdout(`${this.usage}\n`);
      return EXIT.ok;
    }
    const all: RuleMeta[] = [...RULES.map((r) => r.meta), ...BUILT_IN_CHECKS].sort((a, b) => (a.id < b.id ? -1 : 1));
    if (positionals.length === 0) {
      const width = Math.max(...all.map((m) => m.id.length));
      io.stdout(`${all.map((m) => `${m.id.padEnd(width)}  ${m.defaultSeverity.padEnd(7)}  ${m.description}`).join("\n")}\n`);
      return EXIT.ok;
    }
    for (const id of positionals) {
      const meta = all.find((m) => m.id === id);
      if (!meta) {
        const guess = closestName(id, all.map((m) => m.id));
        throw new UsageError(`no rule "${id}"${guess ? ` (did you mean "${guess}"?)` : ""}; \`kforge explain\` lists them`);
      }
      io.stdout(describe(meta));
    }
    return EXIT.ok;
  },
};

function describe(meta: RuleMeta): string {
  const options = meta.optionsSchema ? `\nOptions (policies/*.yaml, spec.rules.${meta.id}.options):\n${JSON.stringify(meta.optionsSchema, null, 2)}\n` : "";
  return `${meta.id} (default severity: ${meta.defaultSeverity})

${meta.description}

Why: ${meta.rationale}

Fix: ${meta.remediation}
${options}`;
}
