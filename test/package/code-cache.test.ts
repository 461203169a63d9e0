import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const LOADER = fileURLToPath(new URL("../../bin/code-cache.js", import.meta.url));
const uid = process.getuid?.() ?? "user";

/** A CommonJS module that uses require, module.exports and __filename. */
function moduleFile(dir: string): string {
  const file = join(dir, "module.cjs");
  writeFileSync(file, `const { basename } = require("node:path");
module.exports.name = () => basename(__filename);
module.exports.later = async () => require("node:os").EOL.length > 0 ? "required" : "";
`);
  return file;
}

/** Runs the loader on `file` in a new process whose temporary directory is `temp`. */
function load(file: string, temp: string, env: Record<string, string> = {}) {
  const script = `const { requireWithCodeCache } = await import(${JSON.stringify(LOADER)});
const m = requireWithCodeCache(${JSON.stringify(file)}, "test");
console.log(m.name(), await m.later());`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { env: { ...process.env, TMPDIR: temp, ...env }, encoding: "utf8" });
  return { code: run.status, stdout: run.stdout.trim(), stderr: run.stderr };
}

describe("the compiled-code cache for Node.js 20", () => {
  it("loads a CommonJS file as require would, and keeps its compiled code in a private folder", () => {
    const temp = mkdtempSync(join(tmpdir(), "kforge-cc-"));
    const file = moduleFile(temp);
    expect(load(file, temp)).toEqual({ code: 0, stdout: "module.cjs required", stderr: "" });
    const folder = join(temp, `kforge-code-cache-${uid}`);
    const [entry] = readdirSync(folder);
    expect(entry).toMatch(/^[0-9a-f]{40}-test\.bin$/);
    if (process.getuid) expect(statSync(folder).mode & 0o777).toBe(0o700);
    const written = statSync(join(folder, entry)).mtimeMs;
    // Served from the cache: the same result, and the cache is not written again.
    expect(load(file, temp).stdout).toBe("module.cjs required");
    expect(statSync(join(folder, entry)).mtimeMs).toBe(written);
  });

  it("compiles afresh and rewrites a damaged cache, and a changed file gets a cache of its own", () => {
    const temp = mkdtempSync(join(tmpdir(), "kforge-cc-"));
    const file = moduleFile(temp);
    load(file, temp);
    const folder = join(temp, `kforge-code-cache-${uid}`);
    const [entry] = readdirSync(folder);
    writeFileSync(join(folder, entry), "not V8 code");
    expect(load(file, temp)).toEqual({ code: 0, stdout: "module.cjs required", stderr: "" });
    expect(readFileSync(join(folder, entry)).toString("utf8")).not.toBe("not V8 code");
    writeFileSync(file, `${readFileSync(file, "utf8")}// edited\n`);
    expect(load(file, temp).stdout).toBe("module.cjs required");
    expect(readdirSync(folder)).toHaveLength(2);
  });

  it.skipIf(!process.getuid)("never uses a folder others can write to, and KFORGE_CODE_CACHE=0 turns it off", () => {
    const temp = mkdtempSync(join(tmpdir(), "kforge-cc-"));
    const file = moduleFile(temp);
    const folder = join(temp, `kforge-code-cache-${uid}`);
    mkdirSync(folder);
    chmodSync(folder, 0o777);
    expect(load(file, temp).stdout).toBe("module.cjs required");
    expect(readdirSync(folder)).toEqual([]);
    const other = mkdtempSync(join(tmpdir(), "kforge-cc-"));
    expect(load(file, other, { KFORGE_CODE_CACHE: "0" }).stdout).toBe("module.cjs required");
    expect(readdirSync(other)).toEqual([]);
  });
});
