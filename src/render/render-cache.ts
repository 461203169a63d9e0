import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { KubeObject } from "../resources/resource.js";
import type { SourceRef } from "../yaml/span.js";
import type { AssembledOutput, ValueRange } from "./assemble-output.js";
import { emitManifest } from "./emit-yaml.js";
import type { RenderedDocument } from "./parse-output.js";

/** Folder (under the repository root) of the render cache; listed in .gitignore. */
export const CACHE_DIR = ".kforge-cache";
/** Bump when the cached shape or the renderer's output changes. */
const FORMAT = 3;

/** A template's output, kept so that origins can be worked out when a finding needs them. */
interface CachedOutput {
  text: string;
  templateLine: number[];
  /** [start, end, file index or -1, line, column] */
  values: [number, number, number, number, number][];
  files: string[];
}

interface CachedDocument {
  object: KubeObject;
  /** The object as written in the tree, so a render served from the cache does not write it out again. */
  body: string;
  templateFile: string;
  /** Index into the release's outputs, and the document's place among that output's manifests. */
  output: number;
  ordinal: number;
}

interface ClusterEntries {
  format: number;
  releases: Record<string, { key: string; outputs: CachedOutput[]; documents: CachedDocument[] }>;
}

/**
 * Rendered documents of each release, keyed by a hash of everything that went into them
 * (kforge version, blueprint files, cluster file, values file). A re-render after one values
 * file changes runs only that release's templates. One JSON file per cluster.
 */
/**
 * Whether `kforge check` may read the render cache: it holds rendered objects that check would
 * otherwise compute, so it must be this machine's own. Not in CI (a fresh checkout has no cache
 * of its own; set CI to anything to opt out anywhere), and not when git tracks any file under
 * it: a pull request could commit a forged cache to make a stale tree look up to date.
 */
export function trustedRenderCache(root: string): boolean {
  return trustedCacheDir(join(root, CACHE_DIR));
}

/**
 * Whether a cache folder is this machine's own (see trustedRenderCache): not in CI, and git
 * tracks no file under it.
 */
export function trustedCacheDir(dir: string): boolean {
  if (process.env.CI) return false;
  if (!existsSync(dir)) return true;
  try {
    return execFileSync("git", ["ls-files", "-z", "--", "."], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }) === "";
  } catch {
    // Not a git repository (or no git): nothing can have been committed into the cache.
    return true;
  }
}

/** Creates a cache folder, which ignores itself (it never reaches git, even without a .gitignore entry); throws when it cannot be made. */
export function makeCacheDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(join(dir, ".gitignore"), "*\n", { flag: "wx" });
  } catch {
    // Already there (or the folder is read-only, which the write that follows finds out).
  }
}

export class RenderCache {
  private readonly loaded = new Map<string, ClusterEntries>();
  private readonly dirty = new Set<string>();

  /** `readOnly`: serve what an earlier render stored, store nothing (`kforge check` writes no file). */
  constructor(
    private readonly root: string,
    private readonly options: { readOnly?: boolean } = {},
  ) {}

  static key(parts: readonly string[]): string {
    const hash = createHash("sha256");
    hash.update(`kforge-render-cache ${FORMAT}\0`);
    for (const part of parts) hash.update(`${part.length}:${part}\0`);
    return hash.digest("hex");
  }

  async get(cluster: string, release: string, key: string): Promise<RenderedDocument[] | undefined> {
    const entry = (await this.entries(cluster)).releases[release];
    if (!entry || entry.key !== key) return undefined;
    // Loaded on first use: a render whose clusters are all skipped never loads the YAML readers.
    const { lazyOrigins } = await import("./parse-output.js");
    const outputs = entry.outputs.map(fromCachedOutput);
    return entry.documents.map((doc) => ({
      object: doc.object,
      templateFile: doc.templateFile,
      origins: lazyOrigins(outputs[doc.output], doc.templateFile, doc.ordinal),
      body: doc.body,
    }));
  }

  async set(cluster: string, release: string, key: string, documents: readonly RenderedDocument[]): Promise<void> {
    if (this.options.readOnly) return;
    const entries = await this.entries(cluster);
    const outputs: AssembledOutput[] = [];
    const cachedDocuments = documents.map((doc): CachedDocument => {
      let output = outputs.indexOf(doc.origins.output);
      if (output < 0) output = outputs.push(doc.origins.output) - 1;
      return { object: doc.object, body: doc.body ?? emitManifest(doc.object), templateFile: doc.templateFile, output, ordinal: doc.origins.ordinal };
    });
    entries.releases[release] = { key, outputs: outputs.map(toCachedOutput), documents: cachedDocuments };
    this.dirty.add(cluster);
  }

  /** Writes changed cluster entries; a cache that cannot be written is only slower, never an error. */
  async flush(): Promise<void> {
    if (this.dirty.size === 0) return;
    try {
      await mkdir(join(this.root, CACHE_DIR), { recursive: true });
      for (const cluster of this.dirty) {
        const path = join(this.root, CACHE_DIR, `${cluster}.json`);
        await writeFile(`${path}.tmp`, JSON.stringify(this.loaded.get(cluster)));
        await rename(`${path}.tmp`, path);
      }
      this.dirty.clear();
    } catch {
      // Read-only checkouts and full disks just do without the cache.
    }
  }

  private async entries(cluster: string): Promise<ClusterEntries> {
    let entries = this.loaded.get(cluster);
    if (!entries) {
      entries = await readEntries(join(this.root, CACHE_DIR, `${cluster}.json`));
      this.loaded.set(cluster, entries);
    }
    return entries;
  }
}

async function readEntries(path: string): Promise<ClusterEntries> {
  try {
    const parsed = JSON.parse(await readFile(path, "utf8")) as ClusterEntries;
    if (parsed.format === FORMAT && parsed.releases && typeof parsed.releases === "object" && wellFormed(parsed)) return parsed;
  } catch {
    // Missing or damaged: start afresh.
  }
  return { format: FORMAT, releases: {} };
}

/** Every cached document has its object and its text: a damaged entry is rendered afresh. */
function wellFormed(entries: ClusterEntries): boolean {
  return Object.values(entries.releases).every((release) => Array.isArray(release?.documents) && release.documents.every((doc) => typeof doc?.body === "string" && typeof doc.object === "object" && doc.object !== null));
}

function toCachedOutput(output: AssembledOutput): CachedOutput {
  const files: string[] = [];
  const fileIndex = (file: string) => {
    const i = files.indexOf(file);
    return i >= 0 ? i : files.push(file) - 1;
  };
  const values = output.values.map((v): [number, number, number, number, number] =>
    v.origin ? [v.start, v.end, fileIndex(v.origin.file), v.origin.line, v.origin.column] : [v.start, v.end, -1, 0, 0]);
  return { text: output.text, templateLine: output.templateLine, values, files };
}

function fromCachedOutput(cached: CachedOutput): AssembledOutput {
  const values = cached.values.map(([start, end, file, line, column]): ValueRange =>
    file < 0 ? { start, end } : { start, end, origin: { file: cached.files[file], line, column } satisfies SourceRef });
  return { text: cached.text, templateLine: cached.templateLine, values };
}
