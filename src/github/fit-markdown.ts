/** GitHub rejects issue and pull request comments longer than this many characters. */
export const COMMENT_LIMIT = 65_536;

/**
 * Cuts Markdown at a line boundary so that it, plus whatever closes the code fence and
 * `<details>` blocks still open at the cut, plus `notice`, fits in `limit` characters.
 * Length is counted in UTF-16 code units, never fewer than the characters GitHub counts.
 */
export function fitMarkdown(text: string, limit: number, notice: string): { text: string; truncated: boolean } {
  if (text.length <= limit) return { text, truncated: false };
  const state: BlockState = { fence: undefined, details: 0 };
  let kept = "";
  for (const line of text.split("\n")) {
    const next = advance(state, line);
    const candidate = `${kept}${line}\n`;
    if (candidate.length + closers(next).length + notice.length > limit) break;
    kept = candidate;
    Object.assign(state, next);
  }
  const result = `${kept}${closers(state)}${notice}`;
  // A notice longer than the limit is a bug in the caller, but the result must still fit.
  return { text: result.length <= limit ? result : result.slice(0, limit), truncated: true };
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
