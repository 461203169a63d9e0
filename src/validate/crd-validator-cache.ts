import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Ajv, ValidateFunction } from "ajv";
import { makeCacheDir } from "../render/render-cache.js";
import { codeIdentity, crdCacheDir } from "./crd-cache.js";
import { runValidatorCode, sha256, standaloneSourceOf } from "./precompiled-code.js";
import { createManifestAjv } from "./schema-ajv.js";
import type { JsonSchema } from "./value-schemas.js";

/** Bump when the cached code's shape changes. */
const FORMAT = 1;
const FOLDER = "crd-validators";

/** What a CRD's validator is compiled against: its release's definitions, which its `bundle#/definitions/` references point into. */
export interface CrdCompileTarget {
  definitions: () => Record<string, unknown>;
}

/**
 * Compiles a CRD version's root schema, or loads the code an earlier run compiled for the same
 * schema, the same referenced definitions and the same kforge (see useCrdCache). Throws what
 * ajv throws for a schema it cannot use.
 */
export function compileCrdValidator(root: JsonSchema, target: CrdCompileTarget): ValidateFunction {
  const dir = crdCacheDir();
  const referenced = referencedDefinitions(root, target.definitions());
  if (dir === undefined) return sourceAjv(referenced).compile(root);
  const key = sha256(`kforge-crd-validator ${FORMAT}\0${codeIdentity()}\0${referenced.hash}\0${JSON.stringify(root)}`);
  const file = join(dir, FOLDER, `${key}.cjs`);
  const cached = loadValidator(file);
  if (cached) return cached;
  const ajv = sourceAjv(referenced);
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
    makeCacheDir(join(file, "..", ".."));
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(temporary, source);
    renameSync(temporary, file);
  } catch {
    // Read-only checkouts and full disks do without the cache.
  }
}

/** The definitions a root schema reaches, and a hash of them. */
interface ReferencedDefinitions {
  definitions: Record<string, unknown>;
  hash: string;
  /** The ajv compiling against these definitions with sources kept, once made. */
  ajv?: Ajv;
}

/**
 * An ajv like the run-time one that also keeps each validator's source, for ajv's standalone
 * code. It holds only the definitions the CRD reaches (ObjectMeta and what it uses): adding all
 * of a release's would cost more than the compile.
 */
function sourceAjv(referenced: ReferencedDefinitions): Ajv {
  if (!referenced.ajv) {
    referenced.ajv = createManifestAjv();
    (referenced.ajv.opts.code as { source?: boolean }).source = true;
    referenced.ajv.addSchema({ $id: "bundle", definitions: referenced.definitions });
  }
  return referenced.ajv;
}

const closures = new WeakMap<object, Map<string, ReferencedDefinitions>>();

/** The definitions `root` reaches through references into the bundle, transitively; one object per set of names. */
function referencedDefinitions(root: JsonSchema, definitions: Record<string, unknown>): ReferencedDefinitions {
  const names = new Set<string>();
  // A reference into something other than a definition by name: compiled against them all.
  let whole = false;
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) pending.push(...node);
    else if (node !== null && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        const name = key === "$ref" && typeof value === "string" ? definitionName(value) : undefined;
        if (key === "$ref" && (name === undefined || !Object.hasOwn(definitions, name))) whole = true;
        else if (name !== undefined) {
          if (!names.has(name)) {
            names.add(name);
            pending.push(definitions[name]);
          }
        } else if (typeof value === "object") pending.push(value);
      }
    }
  }
  const sorted = whole ? Object.keys(definitions).sort() : [...names].sort();
  let byNames = closures.get(definitions);
  if (!byNames) closures.set(definitions, (byNames = new Map()));
  const id = sorted.join("\0");
  let referenced = byNames.get(id);
  if (!referenced) {
    const reached: Record<string, unknown> = {};
    for (const name of sorted) if (Object.hasOwn(definitions, name)) reached[name] = definitions[name];
    referenced = { definitions: reached, hash: sha256(sorted.map((name) => `${name}\0${JSON.stringify(reached[name] ?? null)}`).join("\0")) };
    byNames.set(id, referenced);
  }
  return referenced;
}

/** "bundle#/definitions/X" (from a CRD) or "#/definitions/X" (between definitions) -> "X". */
function definitionName(ref: string): string | undefined {
  const prefix = ref.startsWith("bundle#/definitions/") ? "bundle#/definitions/" : ref.startsWith("#/definitions/") ? "#/definitions/" : undefined;
  return prefix && ref.slice(prefix.length);
}
