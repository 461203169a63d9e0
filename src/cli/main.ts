import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../package-root.js";
import { EXIT, UsageError, type CliIo, type Command } from "./cli-io.js";
import { checkCommand } from "./check-command.js";
import { commentCommand } from "./comment-command.js";
import { diffCommand } from "./diff-command.js";
import { explainCommand } from "./explain-command.js";
import { lintCommand } from "./lint-command.js";
import { renderCommand } from "./render-command.js";

const COMMANDS: Command[] = [renderCommand, checkCommand, lintCommand, diffCommand, commentCommand, explainCommand];

function version(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
}

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `kforge ${version()}: typed blueprints rendered into per-cluster kustomize trees, checked and linted.

Usage: kforge <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}

Run \`kforge <command> --help\` for a command's options.
`;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  isTty: Boolean(process.stdout.isTTY),
};

/** Runs the CLI; returns the exit code. User mistakes are messages, never stack traces. */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.stdout(help());
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === "--version" || name === "-v") {
    io.stdout(`${version()}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`kforge: unknown command "${name}"\n\n${help()}`);
    return EXIT.usage;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`kforge ${name}: ${error.message}\nRun \`kforge ${name} --help\` for usage.\n`);
      return EXIT.usage;
    }
    io.stderr(`kforge ${name}: internal error: ${(error as Error).stack ?? error}\nThis is a bug in kforge; please report it with the command you ran.\n`);
    return 3;
  }
}
