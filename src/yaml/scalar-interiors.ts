/**
 * The text with the insides of block scalars and multi-line quoted scalars blanked, for the fast
 * reader's scan of YAML features (fast-read.ts). Shell scripts in ConfigMaps are full of `&&`, `*`
 * and `on`, and CEL rules folded over lines (`rule: 'self.a ... ?` then `  !has(self.b) : true'`)
 * start lines with `!`, `?` and `:`; none of that is YAML there. Blanking is bounded by
 * indentation: a line no more indented than the key or `-` that opened a block scalar ends it
 * and is scanned as it is. Inside a quoted scalar such a line is an error for the `yaml` package
 * (js-yaml reads it): the answer is then `undefined`, the text is for the full parser.
 */
export function withoutScalarInteriors(text: string): string | undefined {
  const lines = text.split("\n");
  let blockOpenedAt = -1;
  let quote: "'" | '"' | undefined;
  let quoteBound = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const indent = indentOf(line);
    if (blockOpenedAt >= 0) {
      if (line.trim() === "" || indent > blockOpenedAt) {
        lines[i] = "";
        continue;
      }
      blockOpenedAt = -1;
    }
    if (quote !== undefined) {
      if (line === "") continue;
      // The `yaml` package rejects a line no more indented than the key (spaces only), where js-yaml may not.
      if (line.length - line.replace(/^ +/, "").length <= quoteBound) return undefined;
      const closed = QUOTED_CLOSE[quote].exec(line);
      if (!closed) {
        // js-yaml folds an escaped line break before a blank line differently.
        if (quote === '"' && line.endsWith("\\")) return undefined;
        lines[i] = "";
        continue;
      }
      // Only blanks or a comment may follow on the closing line (js-yaml also takes `'x'#c`).
      if (!AFTER_CLOSING_QUOTE.test(line.slice(closed[0].length))) return undefined;
      lines[i] = "";
      quote = undefined;
      continue;
    }
    const opened = line.includes("'") || line.includes('"') ? QUOTED_OPEN.exec(line) : null;
    if (opened && (opened[2] !== "" || opened[3] !== undefined) && !QUOTED_CLOSE[opened[4] as "'" | '"'].test(opened[5])) {
      quote = opened[4] as "'" | '"';
      if (quote === '"' && line.endsWith("\\")) return undefined;
      // Continuation lines are more indented than the key, or without a key, than the last `-`.
      quoteBound = opened[3] !== undefined ? opened[1].length + opened[2].length : opened[1].length + opened[2].trimEnd().length - 1;
      lines[i] = line.slice(0, line.length - opened[5].length);
      continue;
    }
    blockOpenedAt = (line.includes("|") || line.includes(">")) && BLOCK_SCALAR_START.test(line) ? indent : -1;
  }
  return lines.join("\n");
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** A line that opens a block scalar (`key: |`, `- >-`, `--- |2`): an indicator after `:`, `-` or `---`. */
const BLOCK_SCALAR_START = /^(?![ \t]*#).*(?::|-)[ \t]+[|>][0-9+-]*[ \t]*(?:#.*)?$/;

/**
 * A quoted scalar as a mapping value or sequence entry in block style: indentation (1), `- `
 * entries (2), an optional plain key (3), the quote (4) and the rest of the line (5).
 */
const QUOTED_OPEN = /^( *)((?:- +)*)(?:([A-Za-z0-9_$][A-Za-z0-9_.$/-]*) *: +)?(['"])(.*)$/;

/** What may follow the quote that closes a multi-line quoted scalar. */
const AFTER_CLOSING_QUOTE = /^(?:[ \t]+(?:#.*)?)?\r?$/;

/** The text of a line up to and including the quote that closes a quoted scalar. */
const QUOTED_CLOSE = {
  "'": /^(?:[^']|'')*'(?!')/,
  '"': /^(?:[^"\\]|\\.)*"/,
};
