/**
 * Untrusted text (finding messages, resource names, patches from a fork's artifact) turned into
 * Markdown that shows exactly that text: it cannot break a table, open HTML, links or emphasis,
 * ping people or teams, cross-reference issues, or become links.
 */
import { INVISIBLE, neutralize } from "../report/inert-text.js";

export { neutralize };

/** Cuts text to `max` characters (never inside a surrogate pair), marking the cut. */
export function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (/[\ud800-\udbff]/.test(text[end - 1] ?? "")) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * Text inline in Markdown (table cells, headings, list items): ASCII punctuation that Markdown
 * reads is backslash-escaped, `&` cannot start an entity and line breaks become `<br>`.
 */
export function inline(text: string, max = 1000): string {
  const escaped = neutralize(cap(text, max)).replace(/[\\`*_[\]{}()<>|~!#&+=-]/g, "\\$&");
  return escaped.replace(/\r?\n|\r/g, "<br>").replace(/\t/g, " ");
}

/** A code span that survives any backticks in the text; `|` is escaped so it works in a table cell. */
export function code(text: string, max = 300): string {
  const flat = cap(text, max).replace(INVISIBLE, "").replace(/\s+/g, " ").replace(/\|/g, "\\|");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = longest > 0 || flat.startsWith(" ") || flat.endsWith(" ") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced code block whose fence no line of the text can close. */
export function fenced(text: string, language: string, max = 20_000): string {
  const body = cap(text, max).replace(INVISIBLE, "").replace(/\r\n?/g, "\n").replace(/\n$/, "");
  const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${language}\n${body}\n${fence}`;
}

/** Text inside HTML (a `<summary>`), where Markdown escapes do not apply but entities do. */
export function htmlText(text: string, max = 300): string {
  const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
  return neutralize(cap(text, max))
    .replace(/[&<>"]/g, (c) => entities[c])
    .replace(/\s+/g, " ");
}
