import { appendFile, readFile, stat } from "node:fs/promises";
import { fitMarkdown } from "./fit-markdown.js";

/** GitHub keeps at most 1 MiB of a step's job summary (counted in bytes); more fails the step's summary upload. */
export const STEP_SUMMARY_BYTES = 1024 * 1024;

const NOTICE = "\n---\n\n⚠️ The report was cut to fit GitHub's limit of 1 MiB for a step's job summary.\n";

/**
 * Appends Markdown to the job summary file (GITHUB_STEP_SUMMARY), cut at a line so that the
 * file stays within 1 MiB: the budget is what the file does not already hold (earlier writes of
 * the same step). Returns whether the text was cut; nothing is written when no room is left.
 */
export async function appendStepSummary(file: string, markdown: string): Promise<{ truncated: boolean; bytes: number }> {
  const used = await stat(file).then((s) => s.size, () => 0);
  const room = STEP_SUMMARY_BYTES - used;
  const fitted = room >= Buffer.byteLength(NOTICE) ? fitMarkdown(markdown, room, NOTICE, "utf8") : { text: "", truncated: markdown.length > 0 };
  if (fitted.text) await appendFile(file, fitted.text);
  return { truncated: fitted.truncated, bytes: Buffer.byteLength(fitted.text) };
}

/** Appends each Markdown file in turn (the kforge workflow's check and diff reports), sharing the 1 MiB. */
export async function appendStepSummaryFiles(summaryFile: string, markdownFiles: string[]): Promise<void> {
  for (const file of markdownFiles) {
    const text = await readFile(file, "utf8").catch(() => undefined);
    if (text !== undefined) await appendStepSummary(summaryFile, text);
  }
}
