/**
 * Build step (`npm run build`, last): bundles the CLI and its worker threads with esbuild into
 * dist/cli/main.js, dist/lint/parse-worker.js, dist/check/check-worker.js, dist/tree/snapshot-worker.js and
 * dist/github/step-summary.js (replacing tsc's
 * output there), so an installed kforge runs exactly the dependency versions its tests ran and
 * loads one file instead of hundreds. The CEL engine stays a package of its own (loaded on first
 * use, shipped inside the kforge tarball as a bundled dependency).
 */
import { build } from "esbuild";

const started = Date.now();
const result = await build({
  entryPoints: {
    "cli/main": "src/cli/main.ts",
    "lint/parse-worker": "src/lint/parse-worker.ts",
    "check/check-worker": "src/check/check-worker.ts",
    "tree/snapshot-worker": "src/tree/snapshot-worker.ts",
    // Imported by the workflows and the action to append reports to the job summary.
    "github/step-summary": "src/github/step-summary.ts",
  },
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["@marcbachmann/cel-js"],
  // Bundled CommonJS packages call require() for Node's built-in modules.
  banner: { js: 'import { createRequire as __kforgeCreateRequire } from "node:module"; const require = __kforgeCreateRequire(import.meta.url);' },
  legalComments: "linked",
  metafile: true,
  logLevel: "warning",
});
const sizes = Object.entries(result.metafile.outputs)
  .filter(([file]) => file.endsWith(".js"))
  .map(([file, output]) => `${file} ${Math.round(output.bytes / 1024)} KiB`);
process.stdout.write(`bundle: ${sizes.join(", ")} (${Date.now() - started} ms)\n`);
