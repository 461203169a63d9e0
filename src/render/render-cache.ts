import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { KubeObject } from "../resources/resource.js";
import type { SourceRef } from "../yaml/span.js";
import type { RenderedDocument } from "./render-release.js";

/** Folder (under the repository root) of the render cache; listed in .gitignore. */
export const CACHE_DIR = ".kforge-cache";
/** Bump when the cached shape or the renderer's output changes. */
const FORMAT = 1;

interface CachedDocument {
  object: KubeObject;
  templateFile: string;
  /** [pathKey, file index, line, column] */
  origins: [string, number, number, number][];
  files: string[];
}

interface ClusterEntries {
  format: number;
  releases: Record<string, { key: string; documents: CachedDocument[] }>;
}

/**
 * Rendered documents of each release, keyed by a hash of everything that went into them
 * (kforge version, blueprint files, cluster file, values file). A re-render after one values
 * file changes runs only that release's templates. One JSON file per cluster.
 */
export class RenderCache {
  private readonly loaded = new Map<string, ClusterEntries>();
  private readonly dirty = new Set<string>();

  constructor(private readonly root: string) {}

  static key(parts: readonly string[]): string {
    const hash = createHash("sha256");
    hash.update(`kforge-render-cache ${FORMAT}\0`);
    for (const part of parts) hash.update(`${part.length}:${part}\0`);
    return hash.digest("hex");
  }

  async get(cluster: string, release: string, key: string): Promise<RenderedDocument[] | undefined> {
    const entry = (await this.entries(cluster)).releases[release];
    if (!entry || entry.key !== key) return undefined;
    return entry.documents.map((doc) => ({
      object: doc.object,
      templateFile: doc.templateFile,
      origins: new Map(doc.origins.map(([k, f, line, column]) => [k, { file: doc.files[f], line, column } satisfies SourceRef])),
    }));
  }

  async set(cluster: string, release: string, key: string, documents: readonly RenderedDocument[]): Promise<void> {
    const entries = await this.entries(cluster);
    entries.releases[release] = { key, documents: documents.map(toCached) };
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
    if (parsed.format === FORMAT && parsed.releases && typeof parsed.releases === "object") return parsed;
  } catch {
    // Missing or damaged: start afresh.
  }
  return { format: FORMAT, releases: {} };
}

function toCached(doc: RenderedDocument): CachedDocument {
  const files: string[] = [];
  const fileIndex = (file: string) => {
    const i = files.indexOf(file);
    return i >= 0 ? i : files.push(file) - 1;
  };
  const origins = [...doc.origins].map(([k, ref]): [string, number, number, number] => [k, fileIndex(ref.file), ref.line, ref.column]);
  return { object: doc.object, templateFile: doc.templateFile, origins, files };
}
