import { catalog, isCode } from "../lint/code-catalog.js";
import type { RuleMeta } from "../lint/rule.js";
import { closestName } from "../diagnostics/closest-name.js";
import { EXIT, UsageError, type Command } from "./cli-io.js";
import { parseFlags } from "./parse-flags.js";

export const explainCommand: Command = {
  name: "explain",
  flags: {},
  summary: "describe a lint rule or problem code: what it finds, why it matters, how to fix it",
  usage: `Usage: kforge explain [RULE|CODE ...]

Describes lint rules (image-tag, ...) and the codes of input and generated-tree problems
(values-schema, render-stale, ...): every id kforge prints after a finding. Without an
argument: lists them all with their default severity. A misspelt id gets a suggestion.

Options:
  -h, --help  show this help`,
  async run(args, io) {
    const { values, positionals } = parseFlags("explain", args, {}, true);
    if (values.help) {
      io.stdout(`${this.usage}\n`);
      return EXIT.ok;
    }
    const all = catalog();
    if (positionals.length === 0) {
      const width = Math.max(...all.map((m) => m.id.length));
      io.stdout(`${all.map((m) => `${m.id.padEnd(width)}  ${m.defaultSeverity.padEnd(7)}  ${m.description}`).join("\n")}\n`);
      return EXIT.ok;
    }
    for (const id of positionals) {
      const meta = all.find((m) => m.id === id);
      if (!meta) {
        const guess = closestName(id, all.map((m) => m.id));
        throw new UsageError(`no rule or code "${id}"${guess ? ` (did you mean "${guess}"?)` : ""}; \`kforge explain\` lists them`);
      }
      io.stdout(describe(meta));
    }
    return EXIT.ok;
  },
};

function describe(meta: RuleMeta): string {
  if (isCode(meta.id)) return `${meta.id} (problem code, severity: ${meta.defaultSeverity})\n\n${meta.description}\n\nWhy: ${meta.rationale}\n\nFix: ${meta.remediation}\n`;
  const options = meta.optionsSchema ? `\nOptions (policies/*.yaml, spec.rules.${meta.id}.options):\n${JSON.stringify(meta.optionsSchema, null, 2)}\n` : "";
  return `${meta.id} (default severity: ${meta.defaultSeverity})

${meta.description}

Why: ${meta.rationale}

Fix: ${meta.remediation}
${meta.example ? `\nExample:\n${meta.example.replace(/^/gm, "  ")}\n` : ""}${options}`;
}
