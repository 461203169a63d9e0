import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { makeRepo } from "../helpers/temp-repo.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = join(ROOT, "bin", "kforge.js");
const BUILT = existsSync(join(ROOT, "dist", "lint", "parse-worker.js"));

/** 450 files: enough for the worker path, with a typo planted in a few. */
function corpus(): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < 450; i++) {
    const typo = i % 150 === 7 ? "  replcas: 2\n" : "";
    files[`m/f${String(i).padStart(3, "0")}.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n  namespace: default\ndata:\n  k: v\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s${i}\nspec:\n${typo}  ports:\n    - port: 80\n`;
  }
  return makeRepo(files);
}

function lint(cwd: string, workers: string): { findings: { file: string; line: number; column: number; ruleId: string }[] } {
  try {
    execFileSync(process.execPath, [BIN, "lint", "m", "--format", "json"], { cwd, env: { ...process.env, KFORGE_WORKERS: workers }, encoding: "utf8" });
    return { findings: [] };
  } catch (error) {
    return JSON.parse((error as { stdout: string }).stdout);
  }
}

describe("large file sets are parsed in worker threads", () => {
  it.skipIf(!BUILT)("gives the same findings, with exact positions, as parsing in one thread", () => {
    const root = corpus();
    const inThread = lint(root, "0");
    const inWorkers = lint(root, "2");
    expect(inWorkers).toEqual(inThread);
    const typos = inWorkers.findings.filter((f) => f.ruleId === "schema");
    expect(typos.map((f) => `${f.file}:${f.line}:${f.column}`)).toEqual(["m/f007.yaml:14:12", "m/f157.yaml:14:12", "m/f307.yaml:14:12"]);
  });
});
