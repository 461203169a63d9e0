#!/usr/bin/env node
import module from "node:module";

// Node.js 22.1 and later keep compiled code between runs; a no-op on Node.js 20.
module.enableCompileCache?.();
const { main } = await import("../dist/cli/main.js");
process.exitCode = await main(process.argv.slice(2));
