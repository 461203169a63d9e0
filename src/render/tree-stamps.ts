import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../package-root.js";
import type { Cluster } from "../repo/cluster.js";
import { CACHE_DIR } from "./render-cache.js";
import { buildStamp } from "../build-stamp.js";
import { rendererId } from "./renderer-id.js";

/** Bump when the stamp format or what a fingerprint covers changes. */
const FORMAT = 1;
const STAMPS_FILE = "tree-stamps.json";
/** The folders, inside a cluster folder, that kforge writes and a stamp covers. */
const OWNED = ["rendered", "gitops"];

/** A release's inputs as its cluster file names them. */
export interface ReleaseInputs {
  blueprint: string;
  valuesFile?: string;
}

/** What a skipped cluster still contributes: its fleet ApplicationSet entry and its file count. */
export interface UnchangedTree {
  gitops: Cluster["gitops"];
  files: number;
}

interface ClusterStamp {
  fingerprint: string;
  /** The releases' inputs, so the fingerprint can be checked without parsing the cluster file. */
  releases: [blueprint: string, valuesFile: string | null][];
  /** For the fleet ApplicationSet. */
  gitops: Cluster["gitops"];
  /** Path relative to the cluster folder -> [size, mtimeMs] right after the render wrote it. */
  files: Record<string, [number, number]>;
  /** Folder relative to the cluster folder -> mtimeMs: adding, removing or renaming an entry changes it. */
  dirs: Record<string, number>;
}

type ClusterRef = Pick<Cluster, "name" | "dir">;

/**
 * What each cluster's generated folders were last rendered from (a fingerprint of every input)
 * and what their files looked like right after (size and mtime). While both hold, the folders
 * are what a render would write, so `kforge render` skips the cluster: no templates, no
 * manifests, no reading of its committed files. A hand edit, a deleted or an extra file shows in
 * `stat`, and the cluster is rendered again. One file for all clusters, under .kforge-cache/.
 */
export class TreeStamps {
  private readonly pending = new Map<string, { dir: string; stamp: Omit<ClusterStamp, "files" | "dirs">; files: string[] }>();
  /** Set when a stamp was dropped, so save() writes even with nothing rendered. */
  private dropped = false;

  private constructor(
    private readonly root: string,
    private readonly stamps: Map<string, ClusterStamp>,
    /**
     * When the stamps were written. As in git's index, an mtime that is not older proves
     * nothing: the file may have changed again within the same tick of the file system's clock.
     */
    private readonly writtenAt: number,
  ) {}

  /** Reads the stamps; a missing or damaged file means no cluster is skipped. */
  static async load(root: string): Promise<TreeStamps> {
    const stamps = new Map<string, ClusterStamp>();
    let writtenAt = 0;
    try {
      const path = join(root, CACHE_DIR, STAMPS_FILE);
      const parsed = JSON.parse(readFileSync(path, "utf8")) as { format?: unknown; clusters?: unknown };
      if (parsed.format === FORMAT && isRecord(parsed.clusters)) {
        for (const [name, stamp] of Object.entries(parsed.clusters)) if (isStamp(stamp)) stamps.set(name, stamp);
      }
      writtenAt = lstatSync(path).mtimeMs;
    } catch {
      // Missing or damaged: render everything and stamp afresh.
    }
    return new TreeStamps(root, stamps, writtenAt);
  }

  /** Hash of a cluster tree's inputs; kforge's own code is always added. */
  static fingerprint(inputs: readonly string[]): string {
    const hash = createHash("sha256");
    for (const part of [`kforge-tree-stamp ${FORMAT}`, rendererId(), codeId(), ...inputs]) hash.update(`${part.length}:${part}\0`);
    return hash.digest("hex");
  }

  /** The release inputs the cluster's stamp was made from (its fingerprint covers them), if any. */
  stampedReleases(name: string): ReleaseInputs[] | undefined {
    return this.stamps.get(name)?.releases.map(([blueprint, valuesFile]) => (valuesFile === null ? { blueprint } : { blueprint, valuesFile }));
  }

  /**
   * Defined when the stamp holds: same fingerprint, the same files in the cluster's two folders
   * (sizes and mtimes as stamped, and older than the stamps) and nothing else there. A folder's
   * mtime changes when an entry is added, removed or renamed in it, so matching folder mtimes
   * stand in for listing them.
   */
  unchanged(cluster: ClusterRef, fingerprint: string): UnchangedTree | undefined {
    const stamp = this.stamps.get(cluster.name);
    if (!stamp || stamp.fingerprint !== fingerprint) return undefined;
    // Thousands of stats: plain concatenation, as path.join costs as much as the stat.
    const base = `${this.root}/${cluster.dir}/`;
    for (const dir of OWNED) {
      // An owned folder that did not exist when the cluster was stamped must not exist now.
      if (stamp.dirs[dir] === undefined && lstatSync(base + dir, { throwIfNoEntry: false })) return undefined;
    }
    for (const dir in stamp.dirs) {
      const stat = lstatSync(base + dir, { throwIfNoEntry: false });
      if (!stat?.isDirectory() || stat.mtimeMs !== stamp.dirs[dir] || stat.mtimeMs >= this.writtenAt) return undefined;
    }
    let files = 0;
    for (const file in stamp.files) {
      const [size, mtimeMs] = stamp.files[file];
      const stat = lstatSync(base + file, { throwIfNoEntry: false });
      if (!stat?.isFile() || stat.size !== size || stat.mtimeMs !== mtimeMs || mtimeMs >= this.writtenAt) return undefined;
      files++;
    }
    return { gitops: stamp.gitops, files };
  }

  /** Notes a cluster that was rendered; save() stamps its `files` (relative to the root). */
  rendered(cluster: ClusterRef & Pick<Cluster, "gitops">, releases: readonly ReleaseInputs[], fingerprint: string, files: Iterable<string>): void {
    const stamp = { fingerprint, releases: releases.map((r): [string, string | null] => [r.blueprint, r.valuesFile ?? null]), gitops: cluster.gitops };
    this.pending.set(cluster.name, { dir: cluster.dir, stamp, files: [...files] });
  }

  /** Drops the stamps of clusters not in `names` (their cluster files are gone). */
  retainOnly(names: ReadonlySet<string>): void {
    for (const name of this.stamps.keys()) {
      if (names.has(name)) continue;
      this.stamps.delete(name);
      this.dropped = true;
    }
  }

  /**
   * Call once the tree is written: stamps the rendered clusters as their folders are now and
   * keeps the stamps of the skipped ones. A cluster whose folders hold anything besides the files
   * it rendered (hand-written files, say) is not stamped, so every render looks at it again.
   * Failing to write only makes the next render slower.
   */
  async save(): Promise<void> {
    if (this.pending.size === 0 && !this.dropped) return;
    try {
      for (const [name, { dir, stamp, files }] of this.pending) {
        const stamped = this.stampFolders(dir, files);
        if (stamped) this.stamps.set(name, { ...stamp, ...stamped });
        else this.stamps.delete(name);
      }
      this.pending.clear();
      this.dropped = false;
      const path = join(this.root, CACHE_DIR, STAMPS_FILE);
      await mkdir(join(this.root, CACHE_DIR), { recursive: true });
      await writeFile(`${path}.tmp`, JSON.stringify({ format: FORMAT, clusters: Object.fromEntries(this.stamps) }));
      await rename(`${path}.tmp`, path);
    } catch {
      // Read-only checkouts and full disks just do without stamps.
    }
  }

  /** Every folder's mtime and every file's size and mtime; undefined if a file is not one of `rendered`. */
  private stampFolders(clusterDir: string, rendered: readonly string[]): Pick<ClusterStamp, "files" | "dirs"> | undefined {
    const expected = new Set(rendered.map((file) => file.slice(clusterDir.length + 1)));
    const stamp: Pick<ClusterStamp, "files" | "dirs"> = { files: {}, dirs: {} };
    const walk = (rel: string): boolean => {
      const path = join(this.root, clusterDir, rel);
      stamp.dirs[rel] = lstatSync(path).mtimeMs;
      for (const entry of readdirSync(path, { withFileTypes: true })) {
        const child = `${rel}/${entry.name}`;
        if (entry.isDirectory()) {
          if (!walk(child)) return false;
        } else if (entry.isFile() && expected.has(child)) {
          const stat = lstatSync(join(path, entry.name));
          stamp.files[child] = [stat.size, stat.mtimeMs];
        } else return false;
      }
      return true;
    };
    for (const dir of OWNED) {
      const stat = lstatSync(join(this.root, clusterDir, dir), { throwIfNoEntry: false });
      if (stat && (!stat.isDirectory() || !walk(dir))) return undefined;
    }
    return Object.keys(stamp.files).length === expected.size ? stamp : undefined;
  }
}

let code: string | undefined;

/**
 * A cluster's tree depends on more of kforge than the renderer (file headers, kustomizations,
 * GitOps objects, values merging, the cluster schema's defaults): all of kforge's code (its
 * build stamp: every file's name, size and mtime) and its cluster schema, so that an upgrade or
 * a rebuild renders every cluster once.
 */
function codeId(): string {
  code ??= createHash("sha256").update(buildStamp()).update("\0").update(readFileSync(join(PACKAGE_ROOT, "schemas", "cluster.schema.json"))).digest("hex");
  return code;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStamp(value: unknown): value is ClusterStamp {
  if (!isRecord(value) || typeof value.fingerprint !== "string" || !isRecord(value.files) || !isRecord(value.dirs) || !isRecord(value.gitops) || !Array.isArray(value.releases)) return false;
  const releasesOk = value.releases.every((r) => Array.isArray(r) && r.length === 2 && typeof r[0] === "string" && (typeof r[1] === "string" || r[1] === null));
  const filesOk = Object.values(value.files).every((f) => Array.isArray(f) && f.length === 2 && typeof f[0] === "number" && typeof f[1] === "number");
  return releasesOk && filesOk && Object.values(value.dirs).every((d) => typeof d === "number");
}
