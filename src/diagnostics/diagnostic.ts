import type { InputCode } from "./codes.js";

/** A problem in a user's input, reported like a compiler: where, what is wrong, what to do. */
export interface Diagnostic {
  /** Stable machine-readable code, e.g. `values-schema`, `template-missing-value`. */
  code: DiagnosticCode;
  message: string;
  /** Path relative to the repository root (or as given on the command line). */
  file: string;
  /** 1-based; 0 when the problem is about the whole file. */
  line: number;
  /** 1-based; 0 when unknown. */
  column: number;
  /** What to do about it. */
  hint?: string;
}

/** Input and tree codes (codes.ts), and yaml-syntax, which is also a built-in lint check. */
export type DiagnosticCode = InputCode | "yaml-syntax";

export class DiagnosticError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
    this.name = "DiagnosticError";
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${Math.max(d.column, 1)}` : d.file;
  const hint = d.hint ? `\n  hint: ${d.hint}` : "";
  return `${where}: error: ${d.message} [${d.code}]${hint}`;
}
