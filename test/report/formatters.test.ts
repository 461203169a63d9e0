import { describe, expect, it } from "vitest";
import { formatGithub } from "../../src/report/format-github.js";
import { formatText } from "../../src/report/format-text.js";
import { FORMATS, formatterFor, isFormatName } from "../../src/report/formatters.js";
import { options, sampleReport } from "./sample-report.js";

describe("formatters", () => {
  it("maps every format name to its formatter", () => {
    expect(formatterFor("text")).toBe(formatText);
    expect(formatterFor("github")).toBe(formatGithub);
    for (const name of FORMATS) {
      const output = formatterFor(name)(sampleReport(), options());
      expect(output.endsWith("\n"), name).toBe(true);
    }
  });

  it("tells format names from other strings", () => {
    expect(isFormatName("sarif")).toBe(true);
    expect(isFormatName("xml")).toBe(false);
    expect(() => formatterFor("xml" as never)).toThrow(/expected one of text, json, sarif, github, markdown/);
  });
});
