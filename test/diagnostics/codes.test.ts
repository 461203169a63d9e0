import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { INPUT_CODES } from "../../src/diagnostics/codes.js";
import { catalog } from "../../src/lint/code-catalog.js";
import { makeRepo, runCli } from "../helpers/temp-repo.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SRC = join(ROOT, "src");

/** Codes of schema problems: reasons inside the `schema` rule's findings, never printed as an id. */
const SCHEMA_PROBLEM_FILES = new Set(["src/validate/validate-schema.ts", "src/validate/schema-problem.ts"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every code the sources can emit: `code: "x"`, TemplateError("x", schemaDiagnostics(..., "x", and tree findings. */
function emittedCodes(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [/\bcode: "([a-z][a-z0-9-]*)"/g, /TemplateError\("([a-z][a-z0-9-]*)"/g, /schemaDiagnostics\([^)]*?, "([a-z][a-z0-9-]*)", /g, /\bfinding\("([a-z][a-z0-9-]*)"/g];
  for (const file of sourceFiles(SRC)) {
    const path = relative(ROOT, file).split("\\").join("/");
    if (SCHEMA_PROBLEM_FILES.has(path)) continue;
    const text = readFileSync(file, "utf8");
    for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.set(match[1], path);
  }
  return found;
}

describe("problem codes", () => {
  const known = new Set(catalog().map((m) => m.id));
  const docs = readFileSync(join(ROOT, "docs", "codes.md"), "utf8");

  it("finds the codes the sources emit (the scan works)", () => {
    const codes = emittedCodes();
    for (const code of ["values-schema", "cluster-schema", "blueprint-missing", "render-stale", "template-missing-value", "policy-schema", "invalid-name", "control-character"]) expect(codes.has(code), code).toBe(true);
  });

  it("has a registry entry (or is a rule) for every code the sources emit", () => {
    const missing = [...emittedCodes()].filter(([code]) => !known.has(code)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it("documents every registered code in docs/codes.md", () => {
    const undocumented = Object.keys(INPUT_CODES).filter((code) => !docs.includes(`\n### ${code}\n`));
    expect(undocumented).toEqual([]);
    for (const [code, info] of Object.entries(INPUT_CODES)) expect(docs, code).toContain(info.fix);
  });

  it("explains every code and every rule, and suggests a name for a typo", async () => {
    const cwd = makeRepo({});
    for (const meta of catalog()) {
      const run = await runCli(["explain", meta.id], cwd);
      expect(run.code, meta.id).toBe(0);
      expect(run.stdout).toContain(meta.remediation);
    }
    const stale = await runCli(["explain", "render-stale"], cwd);
    expect(stale.stdout).toMatch(/^render-stale \(problem code, severity: error\)\n/);
    expect(stale.stdout).toContain("Fix: Run `kforge render` and commit the result.");
    const typo = await runCli(["explain", "values-shema"], cwd);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('no rule or code "values-shema" (did you mean "values-schema"?)');
    const list = await runCli(["explain"], cwd);
    for (const code of Object.keys(INPUT_CODES)) expect(list.stdout).toMatch(new RegExp(`^${code} `, "m"));
  });
});
