import { createHash } from "node:crypto";
import { lstatSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import vm from "node:vm";

/**
 * Loads a CommonJS file as require() would, keeping V8's compiled code in a per-user folder of
 * the temporary directory, so the next run skips parsing and compiling what this one compiled.
 * For Node.js 20, which lacks module.enableCompileCache(). The cache is keyed by the Node.js
 * version and the file's path and text, and by `variant` (the command: each compiles other
 * functions); V8 rejects data that does not fit, and the file is then compiled as usual and the
 * cache written again. KFORGE_CODE_CACHE=0 turns it off. The file must not call import():
 * the bundle build makes sure the CLI does not.
 */
export function requireWithCodeCache(file, variant = "default") {
  const source = readFileSync(file, "utf8");
  const folder = process.env.KFORGE_CODE_CACHE === "0" ? undefined : privateFolder(join(tmpdir(), `kforge-code-cache-${process.getuid?.() ?? "user"}`));
  const cacheFile = folder && join(folder, `${createHash("sha256").update(`${process.version}\0${process.arch}\0${file}\0`).update(source).digest("hex").slice(0, 40)}-${variant}.bin`);
  let cachedData;
  try {
    cachedData = cacheFile && readFileSync(cacheFile);
  } catch {
    // Not cached yet.
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  if (cacheFile && (cachedData === undefined || script.cachedDataRejected)) {
    // Written at exit, so it holds the functions this run compiled, not only the top level.
    process.once("exit", () => writeQuietly(cacheFile, () => script.createCachedData()));
  }
  const module = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  module.loaded = true;
  return module.exports;
}

/** The folder, created for this user only; undefined when it cannot be, or another user owns it. */
function privateFolder(path) {
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
    const stat = lstatSync(path);
    if (!stat.isDirectory()) return undefined;
    if (process.getuid && (stat.uid !== process.getuid() || (stat.mode & 0o077) !== 0)) return undefined;
    return path;
  } catch {
    return undefined;
  }
}

/** A cache that cannot be written only makes the next run slower. */
function writeQuietly(path, data) {
  try {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, data(), { mode: 0o600 });
    renameSync(temporary, path);
  } catch {
    // Read-only or full temporary directory.
  }
}
