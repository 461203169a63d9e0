/**
 * Characters a YAML stream may not hold, as Kubernetes' YAML reader (go-yaml) judges them: C0
 * controls other than tab, newline and carriage return, DEL, C1 controls other than NEL, and the
 * non-characters U+FFFE and U+FFFF. U+FFFD is what undecodable bytes became when the file was
 * read: kforge reads input as UTF-8, so it stands for bytes that are not UTF-8. A byte order mark
 * at the very start is accepted.
 */
const NOT_TEXT = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFD\uFFFE\uFFFF]/;

export interface TextProblem {
  /** Offset in the text of the offending character. */
  offset: number;
  message: string;
  hint: string;
}

/** The first character that makes `text` unreadable as YAML, or undefined. Linear time. */
export function findTextProblem(text: string): TextProblem | undefined {
  const match = NOT_TEXT.exec(text);
  if (!match) return undefined;
  const character = match[0];
  const code = `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
  if (character === "\uFFFD") {
    return {
      offset: match.index,
      message: "invalid UTF-8: these bytes are not text (YAML files are read as UTF-8, by kforge and by Kubernetes)",
      hint: "save the file as UTF-8; binary data belongs base64-encoded in a Secret's data or a ConfigMap's binaryData",
    };
  }
  if (character === "\x00") {
    return {
      offset: match.index,
      message: "NUL character (U+0000): YAML text cannot contain it; this looks like a binary file or one saved as UTF-16",
      hint: "save the file as UTF-8 text; binary data belongs base64-encoded in a Secret's data or a ConfigMap's binaryData",
    };
  }
  return {
    offset: match.index,
    message: `control character ${code} is not allowed in YAML (kubectl and the API server refuse the file)`,
    hint: `remove it, or write it as an escape ("\\u${code.slice(2)}") inside a double-quoted string`,
  };
}

/** 1-based line and column (in characters) of an offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
