import { createHash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { buildStamp } from "../build-stamp.js";
import { makeCacheDir } from "../render/render-cache.js";
import type { CrdSchemaProblem } from "./crd-schema-problems.js";

/** Bump when the cached shape changes. */
const FORMAT = 1;
/** Verdicts kept in the file: the newest. */
const MAX_ENTRIES = 2000;
const FILE = "crd-schema-verdicts.json";

interface Store {
  dir: string;
  entries: Map<string, readonly CrdSchemaProblem[]>;
  dirty: boolean;
}

let store: Store | undefined;

/** Verdicts of the current run by schema content; a new run (useCrdCache) starts afresh. */
let thisRun = new Map<string, readonly CrdSchemaProblem[]>();

/**
 * Keeps what kforge works out about each CRD schema in `dir` (a `.kforge-cache` folder), by a
 * hash of the schema's content and of kforge's own code: the crd-schema verdict (the problems
 * crdSchemaProblems finds) and the compiled validator (crd-validator-cache.ts). Undefined turns
 * the cache off. The caller decides whether the folder is trustworthy (see trustedCacheDir): a
 * forged verdict would hide findings, a forged validator would run its code. Damaged entries are
 * ignored.
 */
export function useCrdCache(dir: string | undefined): void {
  thisRun = new Map();
  store = dir === undefined ? undefined : { dir, entries: readEntries(join(dir, FILE)), dirty: false };
}

/** The cache folder useCrdCache set, if any. */
export function crdCacheDir(): string | undefined {
  return store?.dir;
}

/**
 * The crd-schema verdict on a schema: of an equal schema earlier in this run (the versions of a
 * CRD often share one schema, in copies), else of an earlier run (when the cache is on), else
 * `compute()`'s, then kept for both.
 */
export function crdVerdict(schema: object, structural: boolean, compute: () => readonly CrdSchemaProblem[]): readonly CrdSchemaProblem[] {
  const content = schemaContentKey(schema, structural);
  let problems = thisRun.get(content);
  if (problems) return problems;
  const key = store && verdictKey(content);
  problems = (key && store?.entries.get(key)) || compute();
  thisRun.set(content, problems);
  if (store && key && !store.entries.has(key)) {
    store.entries.set(key, problems);
    store.dirty = true;
  }
  return problems;
}

/** Writes new verdicts (temporary file, then rename); a cache that cannot be written is only slower. */
export function flushCrdCache(): void {
  if (!store?.dirty) return;
  const path = join(store.dir, FILE);
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    makeCacheDir(store.dir);
    const entries = [...store.entries].slice(-MAX_ENTRIES);
    writeFileSync(temporary, JSON.stringify({ format: FORMAT, entries: Object.fromEntries(entries) }));
    renameSync(temporary, path);
    store.dirty = false;
  } catch {
    // Read-only checkouts and full disks do without the cache.
  }
}

function verdictKey(content: string): string {
  return createHash("sha256").update(`kforge-crd-verdict ${FORMAT}\0${codeIdentity()}\0${content}`).digest("hex");
}

const contentKeys = new WeakMap<object, { structural?: string; plain?: string }>();

/**
 * A hash of a schema's content and the structural flag: the same for two versions of a CRD (or
 * two CRDs) with equal schemas, which get one verdict.
 */
export function schemaContentKey(schema: object, structural: boolean): string {
  let known = contentKeys.get(schema);
  if (!known) contentKeys.set(schema, (known = {}));
  const flag = structural ? "structural" : "plain";
  return (known[flag] ??= createHash("sha256").update(`${flag}\0`).update(JSON.stringify(schema)).digest("hex"));
}

let identity: string | undefined;

/**
 * A fingerprint of the code that judges and compiles schemas: kforge's build stamp (its code,
 * ajv and re2js are bundled into it) and the CEL engine, a package of its own, so cached work is
 * dropped when kforge or what it runs on changes.
 */
export function codeIdentity(): string {
  if (identity) return identity;
  const hash = createHash("sha256").update(`${buildStamp()}\0`);
  const require = createRequire(import.meta.url);
  for (const dependency of ["@marcbachmann/cel-js", "ajv/package.json", "re2js"]) {
    try {
      hash.update(`${dependency}\0`).update(readFileSync(require.resolve(dependency)));
    } catch {
      hash.update(`no ${dependency}\0`);
    }
  }
  identity = hash.digest("hex");
  return identity;
}

function readEntries(path: string): Map<string, readonly CrdSchemaProblem[]> {
  const entries = new Map<string, readonly CrdSchemaProblem[]>();
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as { format?: unknown; entries?: unknown };
    if (parsed.format !== FORMAT || typeof parsed.entries !== "object" || parsed.entries === null) return entries;
    for (const [key, problems] of Object.entries(parsed.entries)) if (isProblemList(problems)) entries.set(key, problems);
  } catch {
    // Missing or damaged: start afresh.
  }
  return entries;
}

function isProblemList(value: unknown): value is CrdSchemaProblem[] {
  return (
    Array.isArray(value) &&
    value.every(
      (p) => typeof p === "object" && p !== null && typeof p.message === "string" && Array.isArray(p.path) && p.path.every((s: unknown) => typeof s === "string" || typeof s === "number"),
    )
  );
}
