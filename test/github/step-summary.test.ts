import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cutTo, fitMarkdown } from "../../src/github/fit-markdown.js";
import { appendStepSummary, appendStepSummaryFiles, STEP_SUMMARY_BYTES } from "../../src/github/step-summary.js";

const summaryFile = (content = "") => {
  const file = join(mkdtempSync(join(tmpdir(), "kforge-summary-")), "summary.md");
  writeFileSync(file, content);
  return file;
};
/** Text that is well under 1 Mi characters but over 1 MiB in UTF-8: 4 bytes per emoji, 3 per 漢. */
const wide = (lines: number) => Array.from({ length: lines }, (_, i) => `| ${i} | 🚀🚀🚀 漢字漢字 ${"é".repeat(40)} |`).join("\n");
const decodes = (file: string) => new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(file));

describe("job summary", () => {
  it("counts the 1 MiB in bytes, not characters, and cuts at a line with a note", async () => {
    const text = wide(12_000);
    expect(text.length).toBeLessThan(STEP_SUMMARY_BYTES);
    expect(Buffer.byteLength(text)).toBeGreaterThan(STEP_SUMMARY_BYTES);
    const file = summaryFile();
    const result = await appendStepSummary(file, text);
    expect(result.truncated).toBe(true);
    expect(statSync(file).size).toBeLessThanOrEqual(STEP_SUMMARY_BYTES);
    expect(statSync(file).size).toBeGreaterThan(STEP_SUMMARY_BYTES - 200);
    const written = decodes(file);
    expect(written).not.toContain("\ufffd");
    expect(written.endsWith("⚠️ The report was cut to fit GitHub's limit of 1 MiB for a step's job summary.\n")).toBe(true);
    expect(written.split("\n\n---\n")[0].split("\n").every((line) => line.endsWith("é |"))).toBe(true);
  });

  it("leaves room for what the step already wrote", async () => {
    const earlier = "x".repeat(STEP_SUMMARY_BYTES - 10_000) + "\n";
    const file = summaryFile(earlier);
    const result = await appendStepSummary(file, wide(1000));
    expect(result.truncated).toBe(true);
    expect(statSync(file).size).toBeLessThanOrEqual(STEP_SUMMARY_BYTES);
    expect(decodes(file).startsWith(earlier)).toBe(true);
  });

  it("writes nothing when the file is already full", async () => {
    const file = summaryFile("x".repeat(STEP_SUMMARY_BYTES - 10));
    expect(await appendStepSummary(file, "# report\n")).toEqual({ truncated: true, bytes: 0 });
    expect(statSync(file).size).toBe(STEP_SUMMARY_BYTES - 10);
  });

  it("appends a short report whole", async () => {
    const file = summaryFile("earlier\n");
    expect(await appendStepSummary(file, "# 🚀 report\n")).toEqual({ truncated: false, bytes: Buffer.byteLength("# 🚀 report\n") });
    expect(readFileSync(file, "utf8")).toBe("earlier\n# 🚀 report\n");
  });

  it("shares the budget between the files of the kforge workflow's step", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kforge-summary-parts-"));
    writeFileSync(join(dir, "check.md"), wide(7000));
    writeFileSync(join(dir, "diff.md"), wide(7000));
    const file = summaryFile();
    await appendStepSummaryFiles(file, [join(dir, "check.md"), join(dir, "missing.md"), join(dir, "diff.md")]);
    expect(statSync(file).size).toBeLessThanOrEqual(STEP_SUMMARY_BYTES);
    expect(decodes(file)).toContain("| 6999 |");
  });

  it("never splits a character when a cut must fall inside a line", () => {
    for (let limit = 0; limit < 12; limit++) {
      const cut = cutTo("a🚀é漢b", limit, "utf8");
      expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(limit);
      expect(cut).not.toContain("\ufffd");
      expect("a🚀é漢b".startsWith(cut)).toBe(true);
    }
    expect(cutTo("a🚀b", 2, "utf16")).toBe("a");
    const { text } = fitMarkdown("🚀🚀🚀🚀🚀🚀\n", 9, "🚀🚀🚀", "utf8");
    expect(text).toBe("🚀🚀");
  });
});
