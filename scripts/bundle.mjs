/**
 * Build step (`npm run build`, last): bundles the CLI and its worker threads with esbuild into
 * dist/cli/main.cjs, dist/lint/parse-worker.js, dist/check/check-worker.js, dist/tree/snapshot-worker.js and
 * dist/github/step-summary.js (replacing tsc's
 * output there), so an installed kforge runs exactly the dependency versions its tests ran and
 * loads one file instead of hundreds. The CEL engine stays a package of its own (loaded on first
 * use, shipped inside the kforge tarball as a bundled dependency).
 */
import { rmSync } from "node:fs";
import { build } from "esbuild";

const started = Date.now();
const shared = {
  bundle: true,
  platform: "node",
  target: "node20",
  external: ["@marcbachmann/cel-js"],
  legalComments: "linked",
  metafile: true,
  logLevel: "warning",
};
// The CLI is CommonJS, so bin/kforge.js can keep V8's compiled code between runs on every
// supported Node.js (see bin/code-cache.js); import.meta.url becomes this file's URL.
const cli = await build({
  ...shared,
  entryPoints: { "cli/main": "src/cli/main.ts" },
  outdir: "dist",
  outExtension: { ".js": ".cjs" },
  format: "cjs",
  define: { "import.meta.url": "__kforgeModuleUrl" },
  banner: { js: 'var __kforgeModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
});
// bin/code-cache.js compiles the CLI as a plain script, which cannot run import().
const dynamicImports = Object.values(cli.metafile.outputs).flatMap((output) => output.imports.filter((i) => i.kind === "dynamic-import"));
if (dynamicImports.length > 0) throw new Error(`dist/cli/main.cjs must not import() at run time: ${dynamicImports.map((i) => i.path).join(", ")}`);
const workers = await build({
  ...shared,
  entryPoints: {
    "lint/parse-worker": "src/lint/parse-worker.ts",
    "check/check-worker": "src/check/check-worker.ts",
    "tree/snapshot-worker": "src/tree/snapshot-worker.ts",
    // Imported by the workflows and the action to append reports to the job summary.
    "github/step-summary": "src/github/step-summary.ts",
  },
  outdir: "dist",
  format: "esm",
  // Bundled CommonJS packages call require() for Node's built-in modules.
  banner: { js: 'import { createRequire as __kforgeCreateRequire } from "node:module"; const require = __kforgeCreateRequire(import.meta.url);' },
});
const result = { metafile: { outputs: { ...cli.metafile.outputs, ...workers.metafile.outputs } } };
const sizes = Object.entries(result.metafile.outputs)
  .filter(([file]) => /\.c?js$/.test(file))
  .map(([file, output]) => `${file} ${Math.round(output.bytes / 1024)} KiB`);
process.stdout.write(`bundle: ${sizes.join(", ")} (${Date.now() - started} ms)\n`);
// tsc's unbundled entry point would only mislead: the CLI is main.cjs.
rmSync("dist/cli/main.js", { force: true });
