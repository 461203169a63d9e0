import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ClusterLintMemo } from "../lint/lint-clusters.js";
import type { LintSetResult } from "../lint/lint-set.js";
import type { ClusterRender } from "../render/render-clusters.js";
import { CACHE_DIR, makeCacheDir } from "../render/render-cache.js";
import { buildStamp } from "../build-stamp.js";

/** Bump when the cached shape or what a key covers changes. */
const FORMAT = 1;
const LINT_DIR = `${CACHE_DIR}/lint`;

interface Entry {
  format: number;
  key: string;
  result: LintSetResult;
}

/**
 * What `kforge check` found in each cluster's render, kept under `.kforge-cache/lint/` and
 * served again while nothing the lint reads has changed. The key covers kforge itself (build
 * stamp), the date (exemptions expire), the cluster's inputs (cluster file, values files,
 * blueprints), its generated files' text, and the repository's policies/ and
 * schemas/imported/ folders. Only for a cache this machine owns (see trustedRenderCache).
 */
export class LintCache implements ClusterLintMemo {
  private readonly shared: string;
  private readonly written = new Map<string, Entry>();
  private readonly keys = new WeakMap<ClusterRender, string | undefined>();

  constructor(
    private readonly root: string,
    private readonly files: ReadonlyMap<string, string>,
    today: string,
  ) {
    const hash = createHash("sha256");
    hash.update(`kforge-lint-cache ${FORMAT}\0${buildStamp()}\0${today}\0`);
    for (const dir of ["policies", "schemas/imported"]) hashTree(root, dir, hash);
    this.shared = hash.digest("hex");
  }

  recall(render: ClusterRender): LintSetResult | undefined {
    const key = this.key(render);
    if (key === undefined) return undefined;
    try {
      const entry = JSON.parse(readFileSync(this.path(render), "utf8")) as Entry;
      return entry.format === FORMAT && entry.key === key ? entry.result : undefined;
    } catch {
      // Missing or damaged: lint afresh.
      return undefined;
    }
  }

  remember(render: ClusterRender, result: LintSetResult): void {
    const key = this.key(render);
    if (key !== undefined) this.written.set(render.cluster.name, { format: FORMAT, key, result });
  }

  /** Writes what was linted afresh; a cache that cannot be written is only slower, never an error. */
  flush(): void {
    if (this.written.size === 0) return;
    try {
      // The cache folder ignores itself, as the render's does, even when check creates it.
      makeCacheDir(join(this.root, CACHE_DIR));
      mkdirSync(join(this.root, LINT_DIR), { recursive: true });
      for (const [cluster, entry] of this.written) {
        const path = join(this.root, LINT_DIR, `${cluster}.json`);
        writeFileSync(`${path}.${process.pid}.tmp`, JSON.stringify(entry));
        renameSync(`${path}.${process.pid}.tmp`, path);
      }
    } catch {
      // Read-only checkouts and full disks just do without the cache.
    }
    this.written.clear();
  }

  private path(render: ClusterRender): string {
    return join(this.root, LINT_DIR, `${render.cluster.name}.json`);
  }

  /** Undefined when the cluster's inputs could not all be read (no fingerprint): never cached. */
  private key(render: ClusterRender): string | undefined {
    if (!this.keys.has(render)) this.keys.set(render, this.computeKey(render));
    return this.keys.get(render);
  }

  private computeKey(render: ClusterRender): string | undefined {
    if (render.inputs === undefined) return undefined;
    const hash = createHash("sha256");
    hash.update(`${this.shared}\0${render.cluster.name}\0${render.inputs}\0`);
    const prefix = `${render.cluster.dir}/`;
    for (const [path, content] of this.files) {
      if (path.startsWith(prefix)) hash.update(`${path}\0${content.length}:${content}\0`);
    }
    return hash.digest("hex");
  }
}

/** Every file under `dir` (relative to `root`), names and contents, in a stable order. */
function hashTree(root: string, dir: string, hash: ReturnType<typeof createHash>): void {
  let entries;
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true });
  } catch {
    hash.update(`${dir} (none)\0`);
    return;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) hashTree(root, path, hash);
    else {
      let content: Buffer | string;
      try {
        content = readFileSync(join(root, path));
      } catch {
        content = "(unreadable)";
      }
      hash.update(`${path}\0${content.length}:`).update(content).update("\0");
    }
  }
}
