#!/usr/bin/env node
import module from "node:module";
import { fileURLToPath } from "node:url";

// Compiled code is kept between runs: by Node.js itself from 22.1 on, by kforge's loader on 20.
const cli = fileURLToPath(new URL("../dist/cli/main.cjs", import.meta.url));
let main;
if (module.enableCompileCache) {
  module.enableCompileCache();
  ({ main } = module.createRequire(import.meta.url)(cli));
} else {
  const { requireWithCodeCache } = await import("./code-cache.js");
  const command = process.argv[2];
  ({ main } = requireWithCodeCache(cli, /^[a-z]{1,20}$/.test(command ?? "") ? command : "default"));
}
process.exitCode = await main(process.argv.slice(2));
