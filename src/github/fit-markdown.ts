/** GitHub rejects issue and pull request comments longer than this many characters. */
export const COMMENT_LIMIT = 65_536;

/** How a limit counts: UTF-16 code units (comments), or UTF-8 bytes (job summaries). */
export type Measure = "utf16" | "utf8";

/**
 * Cuts Markdown at a line boundary so that it, plus whatever closes the code fence and
 * `<details>` blocks still open at the cut, plus `notice`, fits in `limit`. Characters are
 * counted in UTF-16 code units, never fewer than the characters GitHub counts; bytes in UTF-8.
 */
export function fitMarkdown(text: string, limit: number, notice: string, measure: Measure = "utf16"): { text: string; truncated: boolean } {
  const size = measure === "utf8" ? (s: string) => Buffer.byteLength(s, "utf8") : (s: string) => s.length;
  if (size(text) <= limit) return { text, truncated: false };
  const state: BlockState = { fence: undefined, details: 0 };
  const kept: string[] = [];
  let keptSize = 0;
  const noticeSize = size(notice);
  for (const line of text.split("\n")) {
    const next = advance(state, line);
    const lineSize = size(line) + 1;
    if (keptSize + lineSize + size(closers(next)) + noticeSize > limit) break;
    kept.push(line, "\n");
    keptSize += lineSize;
    Object.assign(state, next);
  }
  const result = `${kept.join("")}${closers(state)}${notice}`;
  // A notice longer than the limit is a bug in the caller, but the result must still fit.
  return { text: size(result) <= limit ? result : cutTo(result, limit, measure), truncated: true };
}

/** The longest start of `text` within `limit`, never splitting a character. */
export function cutTo(text: string, limit: number, measure: Measure): string {
  if (limit <= 0) return "";
  if (measure === "utf16") {
    const end = /[\ud800-\udbff]/.test(text[limit - 1] ?? "") ? limit - 1 : limit;
    return text.slice(0, end);
  }
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= limit) return text;
  let end = limit;
  // Back up over continuation bytes (10xxxxxx) to the start of the character that would be split.
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString("utf8");
}

interface BlockState {
  /** The open code fence (its backticks), if the cut falls inside a code block. */
  fence: string | undefined;
  /** `<details>` elements opened and not yet closed. */
  details: number;
}

function advance(state: BlockState, line: string): BlockState {
  if (state.fence) return { ...state, fence: line.trim() === state.fence ? undefined : state.fence };
  const open = /^(`{3,})/.exec(line);
  if (open) return { ...state, fence: open[1] };
  if (line.startsWith("<details")) return { ...state, details: state.details + 1 };
  if (line.startsWith("</details>")) return { ...state, details: Math.max(0, state.details - 1) };
  return state;
}

function closers(state: BlockState): string {
  return `${state.fence ? `${state.fence}\n` : ""}${"\n</details>\n".repeat(state.details)}`;
}
