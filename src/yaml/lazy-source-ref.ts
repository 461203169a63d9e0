import type { SourceRef, Span } from "./span.js";

/**
 * A SourceRef whose line and column are found only when read: template values are traced to
 * their values entries for every rendered field, but positions are needed only for findings.
 */
export function lazySourceRef(file: string, locate: () => Span): SourceRef {
  let span: Span | undefined;
  const at = () => (span ??= locate());
  return {
    file,
    get line() {
      return at().line;
    },
    get column() {
      return at().column;
    },
  };
}

/** A plain copy (line and column read now), for comparing, caching and reporting. */
export function plainSourceRef(ref: SourceRef): SourceRef {
  return { file: ref.file, line: ref.line, column: ref.column };
}
