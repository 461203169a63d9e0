import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describeFileSystemError, isFileSystemError, TreeWriteError } from "../diagnostics/file-system-error.js";
import { PACKAGE_ROOT } from "../package-root.js";
import { ImportError } from "../schemas/import-error.js";
import { EXIT, UsageError, type CliIo, type Command } from "./cli-io.js";
/**
 * Commands are loaded when run: `kforge check` never loads the GitHub client, `kforge render`
 * never loads the rules, which keeps start-up short.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  init: async () => (await import("./init-command.js")).initCommand,
  render: async () => (await import("./render-command.js")).renderCommand,
  check: async () => (await import("./check-command.js")).checkCommand,
  lint: async () => (await import("./lint-command.js")).lintCommand,
  diff: async () => (await import("./diff-command.js")).diffCommand,
  comment: async () => (await import("./comment-command.js")).commentCommand,
  explain: async () => (await import("./explain-command.js")).explainCommand,
  schemas: async () => (await import("./schemas-command.js")).schemasCommand,
};

/** Every command, loaded (for the overall help and for tests of each command's usage). */
export async function loadCommands(): Promise<Command[]> {
  return Promise.all(Object.values(COMMANDS).map((load) => load()));
}

function version(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
}

async function help(): Promise<string> {
  const commands = await loadCommands();
  const width = Math.max(...commands.map((c) => c.name.length));
  return `kforge ${version()}: typed blueprints rendered into per-cluster kustomize trees, checked and linted.

Usage: kforge <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join("\n")}

Run \`kforge <command> --help\` for a command's options.
`;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  isTty: Boolean(process.stdout.isTTY),
};

/** Runs the CLI; returns the exit code. User mistakes and file-system faults are messages, never stack traces. */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.stdout(await help());
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === "--version" || name === "-v") {
    io.stdout(`${version()}\n`);
    return EXIT.ok;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.stderr(`kforge: unknown command "${name}"\n\n${await help()}`);
    return EXIT.usage;
  }
  const command = await load();
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(error.complete ? `kforge: ${error.message}\n` : `kforge ${name}: ${error.message}\nRun \`kforge ${name} --help\` for usage.\n`);
      return EXIT.usage;
    }
    // A malformed file under schemas/imported/: where it is, and how to write it again.
    if (error instanceof ImportError) {
      io.stderr(`kforge ${name}: ${error.message}\n`);
      return EXIT.usage;
    }
    // A full disk, a permission or a limit is the environment, not a bug: one sentence, no trace.
    if (error instanceof TreeWriteError || isFileSystemError(error)) {
      io.stderr(`kforge ${name}: ${describeFileSystemError(error, name, io.cwd)}\n`);
      return EXIT.fault;
    }
    io.stderr(`kforge ${name}: internal error: ${(error as Error).stack ?? error}\nThis is a bug in kforge; please report it with the command you ran.\n`);
    return 3;
  }
}
