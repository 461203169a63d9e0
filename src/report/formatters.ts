import { formatGithub } from "./format-github.js";
import { formatJson } from "./format-json.js";
import { formatMarkdown } from "./format-markdown.js";
import { formatSarif } from "./format-sarif.js";
import { formatText } from "./format-text.js";
import type { Formatter } from "./lint-report.js";

/** Output formats of `kforge lint --format`, the first being the default. */
export const FORMATS = ["text", "json", "sarif", "github", "markdown"] as const;
export type FormatName = (typeof FORMATS)[number];

const FORMATTERS: Record<FormatName, Formatter> = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
  markdown: formatMarkdown,
};

export function isFormatName(name: string): name is FormatName {
  return (FORMATS as readonly string[]).includes(name);
}

/** The formatter for a format name; check user input with `isFormatName` first. */
export function formatterFor(name: FormatName): Formatter {
  if (!isFormatName(name)) throw new Error(`unknown format "${String(name)}"; expected one of ${FORMATS.join(", ")}`);
  return FORMATTERS[name];
}
