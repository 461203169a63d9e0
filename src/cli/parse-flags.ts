import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./cli-io.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Strict flag parsing: an unknown flag or a missing value is a usage error (exit 2), never ignored. */
export function parseFlags<T extends Options>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^Unknown option '(.+)'.*$/s, "unknown flag $1"));
  }
}
