/** Where a command writes, so tests can capture it. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** True when stdout is a terminal (colour, progress). */
  isTty: boolean;
}

/** `fault`: the file system failed (full disk, permissions, limits); shares 2 with usage errors. */
export const EXIT = { ok: 0, findings: 1, usage: 2, fault: 2 } as const;

export class UsageError extends Error {
  /** True when the message already says where help is: printed alone, without "Run ... --help". */
  readonly complete: boolean;
  constructor(message: string, options: { complete?: boolean } = {}) {
    super(message);
    this.name = "UsageError";
    this.complete = options.complete ?? false;
  }
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** The flags it takes besides -h/--help; its usage text lists each one. */
  flags: Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }>;
  run(args: string[], io: CliIo): Promise<number>;
}
