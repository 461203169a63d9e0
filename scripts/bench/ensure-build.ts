/**
 * The bench times the built CLI (bin/kforge.js -> dist/), as users run it. It rebuilds when a
 * file under src/ is newer than dist/cli/main.js, so a run never measures stale code.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Returns a note for the report ("dist is fresh", "rebuilt", or a build warning). */
export function ensureBuild(repoRoot: string): string {
  const entry = join(repoRoot, "dist", "cli", "main.cjs");
  if (existsSync(entry) && statSync(entry).mtimeMs >= newestMtime(join(repoRoot, "src"))) return "dist/ is up to date with src/";
  process.stderr.write("bench: dist/ is older than src/; running `npm run build`...\n");
  const result = spawnSync("npm", ["run", "build", "--silent"], { cwd: repoRoot, encoding: "utf8" });
  if (result.status === 0) return "rebuilt dist/ from src/";
  const errors = `${result.stdout}${result.stderr}`.trim().split("\n").slice(0, 10).join("\n");
  // tsc still emits JavaScript when types fail; measure it, but say so.
  if (existsSync(entry)) {
    process.stderr.write(`bench: warning: the build reported errors; timing the JavaScript it emitted anyway:\n${errors}\n`);
    return "rebuilt dist/ with type errors (see the warning)";
  }
  throw new Error(`npm run build failed and there is no dist/ to time:\n${errors}`);
}
