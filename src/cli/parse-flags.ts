import { parseArgs, type ParseArgsConfig } from "node:util";
import { closestName } from "../diagnostics/closest-name.js";
import { UsageError } from "./cli-io.js";

export type FlagOptions = NonNullable<ParseArgsConfig["options"]>;

/**
 * Strict flag parsing: an unknown flag, a missing value or a stray argument is a usage error
 * (exit 2), never ignored. The message is one sentence that names the command, the likely flag
 * and where the list is: "unknown option --chek for kforge render (did you mean --check?); run
 * `kforge render --help`".
 */
export function parseFlags<T extends FlagOptions>(command: string, args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(flagProblem(command, error as Error & { code?: string }, Object.keys(options)), { complete: true });
  }
}

function flagProblem(command: string, error: Error & { code?: string }, flags: string[]): string {
  const help = `run \`kforge ${command} --help\``;
  const message = error.message;
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown) {
    const given = unknown[1];
    const guess = given.startsWith("--") ? closestName(given.slice(2).split("=")[0], [...flags, "help"]) : undefined;
    return `unknown option ${given} for kforge ${command}${guess ? ` (did you mean --${guess}?)` : ""}; ${help}`;
  }
  const missing = /^Option '(-\w, )?(--[\w-]+)[^']*' argument missing/.exec(message);
  if (missing) return `option ${missing[2]} of kforge ${command} needs a value; ${help}`;
  const extra = /^Option '(-\w, )?(--[\w-]+)' does not take an argument/.exec(message);
  if (extra) return `option ${extra[2]} of kforge ${command} takes no value; ${help}`;
  const positional = /^Unexpected argument '([^']*)'/.exec(message);
  if (positional) return `kforge ${command} takes no arguments, but was given "${positional[1]}"; ${help}`;
  return `${message.split("\n")[0]}; ${help}`;
}
