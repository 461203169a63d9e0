/**
 * Completeness of the rule set: every rule is indexed, tested and documented, and every
 * documented rule exists. A new rule that misses one of these fails here, not in review.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import type { RuleMeta } from "../../src/lint/rule.js";
import { BUILT_IN_CHECKS, RULES, ruleById } from "../../src/lint/rules/index.js";
import { userAjv } from "../../src/repo/kforge-schemas.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const RULES_SRC = join(ROOT, "src/lint/rules");
const RULE_TESTS = join(ROOT, "test/lint/rules");
const DOCS = join(ROOT, "docs/rules");
const SCHEMA_TESTS = join(ROOT, "test/validate");

/** Rules whose tests live elsewhere than test/lint/rules/<id>.test.ts, and where. */
const TESTS_ELSEWHERE: Record<string, string> = { schema: SCHEMA_TESTS };

const ruleIds = RULES.map((r) => r.meta.id);
const builtInIds = BUILT_IN_CHECKS.map((c) => c.id);
const allMetas: RuleMeta[] = [...RULES.map((r) => r.meta), ...BUILT_IN_CHECKS];

const tsFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".ts"));
const doc = (id: string) => readFileSync(join(DOCS, `${id}.md`), "utf8");

describe("the rule index (src/lint/rules/index.ts)", () => {
  it("lists RULES sorted by id, each id once", () => {
    expect(ruleIds).toEqual([...ruleIds].sort());
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
  });

  it("lists every rule module, and each rule lives in the file named after its id", () => {
    const modules = tsFiles(RULES_SRC).filter((f) => f !== "index.ts").map((f) => basename(f, ".ts"));
    expect([...ruleIds].sort()).toEqual(modules.sort());
  });

  it("keeps built-in check ids apart from rule ids, sorted and unique", () => {
    expect(builtInIds).toEqual([...builtInIds].sort());
    expect(new Set([...ruleIds, ...builtInIds]).size).toBe(ruleIds.length + builtInIds.length);
    for (const id of builtInIds) expect(ruleById(id), id).toBeUndefined();
  });
});

describe("rule metadata", () => {
  it.each(allMetas.map((m) => [m.id, m] as const))("%s: kebab-case id, description, rationale, remediation", (_id, meta) => {
    expect(meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(["error", "warning", "info"]).toContain(meta.defaultSeverity);
    for (const key of ["description", "rationale", "remediation"] as const) {
      expect(typeof meta[key], `${meta.id} ${key}`).toBe("string");
      expect(meta[key].trim().length, `${meta.id} ${key}`).toBeGreaterThan(10);
    }
  });

  it.each(RULES.map((r) => [r.meta.id, r.meta] as const))("%s: options have a schema that ajv compiles", (id, meta) => {
    // A rule reads options only from context.options; reading them without a schema means policy cannot check them.
    const source = readFileSync(join(RULES_SRC, `${id}.ts`), "utf8");
    const readsOptions = /\bcontext\.options\b|\boptions\s*\./.test(source.replace(/optionsSchema/g, ""));
    if (!meta.optionsSchema) {
      expect(readsOptions, `${id} reads options but has no meta.optionsSchema`).toBe(false);
      return;
    }
    // The policy loader's ajv, and one with strictSchema (its default) that rejects unknown keywords: typos in the schema.
    expect(() => userAjv().compile(meta.optionsSchema!)).not.toThrow();
    expect(() => new Ajv({ strictSchema: true, strictTypes: false, strictTuples: false }).compile(meta.optionsSchema!)).not.toThrow();
    expect(meta.optionsSchema).toMatchObject({ type: "object", additionalProperties: false });
  });
});

describe("rule tests", () => {
  it.each(ruleIds.filter((id) => !(id in TESTS_ELSEWHERE)))("%s has test/lint/rules/<id>.test.ts", (id) => {
    expect(existsSync(join(RULE_TESTS, `${id}.test.ts`)), `test/lint/rules/${id}.test.ts`).toBe(true);
  });

  it("has the schema rule's tests in test/validate/ instead", () => {
    for (const [id, dir] of Object.entries(TESTS_ELSEWHERE)) {
      expect(ruleIds, `${id} is listed in TESTS_ELSEWHERE but is not a rule`).toContain(id);
      expect(existsSync(join(RULE_TESTS, `${id}.test.ts`)), `${id}: tests are expected in ${dir}, not test/lint/rules`).toBe(false);
      expect(tsFiles(dir).filter((f) => f.endsWith(".test.ts")).length, `${id}: no tests in ${dir}`).toBeGreaterThan(0);
    }
  });

  it("has no rule test file for a rule that does not exist", () => {
    const tested = tsFiles(RULE_TESTS).filter((f) => f.endsWith(".test.ts")).map((f) => basename(f, ".test.ts"));
    expect(tested.filter((id) => !ruleIds.includes(id))).toEqual([]);
  });
});

describe("rule docs (docs/rules/)", () => {
  it.each(allMetas.map((m) => [m.id] as const))("%s has docs/rules/<id>.md with the usual sections", (id) => {
    expect(existsSync(join(DOCS, `${id}.md`)), `docs/rules/${id}.md`).toBe(true);
    const text = doc(id);
    expect(text.startsWith(`# ${id}\n`), `${id}.md starts with "# ${id}"`).toBe(true);
    for (const section of ["**Severity:**", "## What it checks", "## Why", "## Example", "## Options"]) {
      expect(text, `${id}.md: ${section}`).toContain(section);
    }
  });

  it.each(RULES.filter((r) => r.meta.optionsSchema).map((r) => [r.meta.id, r.meta] as const))("%s documents each of its options", (id, meta) => {
    const properties = Object.keys((meta.optionsSchema!.properties ?? {}) as Record<string, unknown>);
    expect(properties.length).toBeGreaterThan(0);
    const options = doc(id).split("## Options")[1];
    for (const name of properties) expect(options, `${id}.md Options: \`${name}\``).toContain(`\`${name}\``);
  });

  it("has no page for an id that is neither a rule nor a built-in check", () => {
    const pages = readdirSync(DOCS).filter((f) => f.endsWith(".md") && f !== "README.md").map((f) => basename(f, ".md"));
    expect(pages.filter((id) => !ruleIds.includes(id) && !builtInIds.includes(id))).toEqual([]);
  });

  it("lists and links every rule and built-in check in docs/rules/README.md", () => {
    const index = readFileSync(join(DOCS, "README.md"), "utf8");
    const missing = [...ruleIds, ...builtInIds].filter((id) => !index.includes(`[${id}](${id}.md)`));
    expect(missing).toEqual([]);
  });
});
