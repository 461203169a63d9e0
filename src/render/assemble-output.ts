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

const LINE_MARK_CODE = LINE_MARK.charCodeAt(0);
const VALUE_MARK_CODE = VALUE_MARK.charCodeAt(0);
const NEWLINE = 10;

export function assembleOutput(raw: string, emissions: readonly Emission[]): AssembledOutput {
  const values: ValueRange[] = [];
  // Output line 1 starts as template line 1 until a mark says otherwise.
  const templateLine: number[] = [1];
  // The text is kept as slices between marks and joined once.
  const parts: string[] = [];
  let length = 0;
  let current = 1;
  let lineHasText = false;

  const append = (chunk: string) => {
    let i = 0;
    let start = 0;
    const keep = (end: number) => {
      if (end > start) {
        parts.push(chunk.slice(start, end));
        length += end - start;
      }
    };
    while (i < chunk.length) {
      const code = chunk.charCodeAt(i);
      if (code === LINE_MARK_CODE) {
        keep(i);
        const end = chunk.indexOf(LINE_MARK_END, i);
        const line = Number(chunk.slice(i + 1, end));
        // The last mark before an output line's first character names the template line that
        // wrote it (a mark after a block tag's line can be followed by nothing from that line).
        if (!lineHasText) templateLine[templateLine.length - 1] = line;
        current = line;
        i = start = end + 1;
      } else if (code === VALUE_MARK_CODE) {
        keep(i);
        const end = chunk.indexOf(VALUE_MARK_END, i);
        const emission = emissions[Number(chunk.slice(i + 1, end))];
        const range: ValueRange = { start: length, end: 0, origin: emission.origin };
        values.push(range);
        append(emission.text);
        range.end = length;
        i = start = end + 1;
      } else {
        if (code === NEWLINE) {
          templateLine.push(current);
          lineHasText = false;
        } else {
          lineHasText = true;
        }
        i++;
      }
    }
    keep(i);
  };
  append(raw);
  return { text: parts.join(""), templateLine, values };
}
