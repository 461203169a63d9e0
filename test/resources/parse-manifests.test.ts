import { describe, expect, it } from "vitest";
import { parseManifests } from "../../src/resources/parse-manifests.js";

const CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n";

describe("parseManifests", () => {
  it("skips empty documents: a trailing ---, --- with only comments, --- twice", () => {
    for (const text of [`${CONFIG_MAP}---\n`, `${CONFIG_MAP}---\n# nothing here\n`, `---\n---\n${CONFIG_MAP}`, `${CONFIG_MAP}--- \n`]) {
      const parsed = parseManifests(text, "a.yaml");
      expect(parsed.problems, JSON.stringify(text)).toEqual([]);
      expect(parsed.resources).toHaveLength(1);
    }
  });

  it("reports a document that is not a mapping, or lacks kind, at its position", () => {
    const parsed = parseManifests(`${CONFIG_MAP}---\n- a list\n---\napiVersion: v1\nmetadata: {name: b}\n`, "a.yaml");
    expect(parsed.problems.map((p) => `${p.code} ${p.span.line}:${p.span.column}`)).toEqual(["yaml-syntax 5:1", "yaml-syntax 7:1"]);
    expect(parsed.problems[1].message).toContain("no kind");
  });

  it("fails fast on an alias bomb", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 0; i < 8; i++) bomb.push(`${"bcdefghij"[i]}: &${"bcdefghij"[i]} [${Array(9).fill(`*${"abcdefghij"[i]}`).join(", ")}]`);
    const started = Date.now();
    const parsed = parseManifests(`${bomb.join("\n")}\n`, "bomb.yaml");
    expect(Date.now() - started).toBeLessThan(2000);
    expect(parsed.resources).toEqual([]);
    expect(parsed.problems[0]).toMatchObject({ code: "yaml-syntax", span: { line: 1, column: 1 } });
    expect(parsed.problems[0].message).toContain("resource exhaustion");
  });

  it("reports a document nested too deeply to read as a YAML problem, in words, not a crash", () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: ${"[".repeat(50_000)}${"]".repeat(50_000)}\n`;
    const parsed = parseManifests(text, "deep.yaml");
    expect(parsed.resources).toEqual([]);
    expect(parsed.problems[0]).toMatchObject({ code: "yaml-syntax", file: "deep.yaml", span: { line: 4 } });
    expect(parsed.problems[0].message).toMatch(/nests collections too deeply/);
  });

  it("reports tabs and duplicate keys with their positions", () => {
    const parsed = parseManifests("apiVersion: v1\nkind: ConfigMap\nkind: Secret\nmetadata:\n\tname: x\n", "t.yaml");
    expect(parsed.problems.map((p) => `${p.span.line}:${p.span.column} ${p.message}`)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^3:1 Map keys must be unique/),
      expect.stringMatching(/^5:1 Tabs are not allowed/),
    ]));
  });

  it("warns about plain scalars YAML 1.1 and 1.2 read differently", () => {
    const parsed = parseManifests(`${CONFIG_MAP}data:\n  a: no\n  b: "no"\n  c: on\n  d: 0755\n  e: 1.20\n`, "y.yaml");
    expect(parsed.problems.map((p) => `${p.code} ${p.span.line}:${p.span.column}`)).toEqual(["yaml-ambiguity 5:6", "yaml-ambiguity 7:6", "yaml-ambiguity 8:6"]);
  });
});
