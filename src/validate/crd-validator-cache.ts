import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Ajv, ValidateFunction } from "ajv";
import { codeIdentity, crdCacheDir } from "./crd-cache.js";
import { runValidatorCode, sha256, standaloneSourceOf } from "./precompiled-code.js";
import { createManifestAjv } from "./schema-ajv.js";
import type { JsonSchema } from "./value-schemas.js";

/** Bump when the cached code's shape changes. */
const FORMAT = 1;
const FOLDER = "crd-validators";

/** Where a CRD's validator is compiled: the ajv of its release's definitions, which its `$ref`s point into. */
export interface CrdCompileTarget {
  ajv: () => Ajv;
  /** The release's definitions (id `bundle` in `ajv`). */
  definitions: () => Record<string, unknown>;
}

/**
 * Compiles a CRD version's root schema, or loads the code an earlier run compiled for the same
 * schema, the same referenced definitions and the same kforge (see useCrdCache). Without a
 * cache folder this is `ajv().compile(root)`. Throws what ajv throws for a schema it cannot use.
 */
export function compileCrdValidator(root: JsonSchema, target: CrdCompileTarget): ValidateFunction {
  const dir = crdCacheDir();
  if (dir === undefined) return target.ajv().compile(root);
  const definitions = target.definitions();
  const key = sha256(`kforge-crd-validator ${FORMAT}\0${codeIdentity()}\0${referencedDefinitionsHash(root, definitions)}\0${JSON.stringify(root)}`);
  const file = join(dir, FOLDER, `${key}.cjs`);
  const cached = loadValidator(file);
  if (cached) return cached;
  const ajv = sourceAjv(definitions);
  const validate = ajv.compile(root);
  storeValidator(file, standaloneSourceOf(ajv, validate));
  return validate;
}

function loadValidator(file: string): ValidateFunction | undefined {
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  try {
    const loaded = runValidatorCode(source, file) as { default?: unknown };
    return typeof loaded.default === "function" ? (loaded.default as ValidateFunction) : undefined;
  } catch {
    // Damaged or written by another build: compiled afresh.
    return undefined;
  }
}

/** Temporary file, then rename: a reader never sees half a file; a folder that cannot be written is only slower. */
function storeValidator(file: string, source: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(temporary, source);
    renameSync(temporary, file);
  } catch {
    // Read-only checkouts and full disks do without the cache.
  }
}

const sourceAjvs = new WeakMap<object, Ajv>();

/** An ajv like the run-time one that also keeps each validator's source, for ajv's standalone code. */
function sourceAjv(definitions: Record<string, unknown>): Ajv {
  let ajv = sourceAjvs.get(definitions);
  if (!ajv) {
    ajv = createManifestAjv();
    (ajv.opts.code as { source?: boolean }).source = true;
    ajv.addSchema({ $id: "bundle", definitions });
    sourceAjvs.set(definitions, ajv);
  }
  return ajv;
}

const closureHashes = new WeakMap<object, Map<string, string>>();

/** A hash of the definitions `root` reaches through `bundle#/definitions/...` references, transitively. */
function referencedDefinitionsHash(root: JsonSchema, definitions: Record<string, unknown>): string {
  const names = new Set<string>();
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) pending.push(...node);
    else if (node !== null && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (key === "$ref" && typeof value === "string" && value.startsWith(DEFINITION_REF)) {
          const name = value.slice(DEFINITION_REF.length);
          if (!names.has(name)) {
            names.add(name);
            pending.push(definitions[name]);
          }
        } else if (typeof value === "object") pending.push(value);
      }
    }
  }
  const sorted = [...names].sort();
  let byNames = closureHashes.get(definitions);
  if (!byNames) closureHashes.set(definitions, (byNames = new Map()));
  const id = sorted.join("\0");
  let hash = byNames.get(id);
  if (!hash) {
    hash = sha256(sorted.map((name) => `${name}\0${JSON.stringify(definitions[name] ?? null)}`).join("\0"));
    byNames.set(id, hash);
  }
  return hash;
}

const DEFINITION_REF = "bundle#/definitions/";
