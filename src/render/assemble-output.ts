import type { SourceRef } from "../yaml/span.js";
import { LINE_MARK, LINE_MARK_END, VALUE_MARK, VALUE_MARK_END } from "./line-markers.js";
import type { Emission } from "./render-state.js";

/** A stretch of the output that a value wrote. */
export interface ValueRange {
  start: number;
  end: number;
  origin?: SourceRef;
}

/** A template's output with the markers taken out and what they said kept aside. */
export interface AssembledOutput {
  text: string;
  /** templateLine[i] is the template line that wrote output line i + 1. */
  templateLine: number[];
  /** Sorted by start; nested ranges (a collection's leaves) follow their parent. */
  values: ValueRange[];
}

/** Any marker character. */
const MARK = /[\u0001\u0003]/g;

export function assembleOutput(raw: string, emissions: readonly Emission[]): AssembledOutput {
  const values: ValueRange[] = [];
  // Output line 1 starts as template line 1 until a mark says otherwise.
  const templateLine: number[] = [1];
  const parts: string[] = [];
  let length = 0;
  let current = 1;
  let lineHasText = false;

  /** Plain text (no markers): kept, and each of its line ends starts a new output line. */
  const text = (chunk: string) => {
    if (chunk === "") return;
    parts.push(chunk);
    length += chunk.length;
    let newline = chunk.indexOf("\n");
    if (newline < 0) {
      lineHasText = true;
      return;
    }
    while (newline >= 0) {
      templateLine.push(current);
      newline = chunk.indexOf("\n", newline + 1);
    }
    lineHasText = !chunk.endsWith("\n");
  };

  const append = (chunk: string) => {
    let i = 0;
    const marks = new RegExp(MARK);
    for (let match = marks.exec(chunk); match; match = marks.exec(chunk)) {
      text(chunk.slice(i, match.index));
      if (match[0] === LINE_MARK) {
        const end = chunk.indexOf(LINE_MARK_END, match.index);
        const line = Number(chunk.slice(match.index + 1, end));
        // The last mark before an output line's first character names the template line that
        // wrote it (a mark after a block tag's line can be followed by nothing from that line).
        if (!lineHasText) templateLine[templateLine.length - 1] = line;
        current = line;
        i = end + 1;
      } else {
        const end = chunk.indexOf(VALUE_MARK_END, match.index);
        const emission = emissions[Number(chunk.slice(match.index + 1, end))];
        const range: ValueRange = { start: length, end: 0, origin: emission.origin };
        values.push(range);
        append(emission.text);
        range.end = length;
        i = end + 1;
      }
      marks.lastIndex = i;
    }
    text(chunk.slice(i));
  };
  append(raw);
  return { text: parts.join(""), templateLine, values };
}
