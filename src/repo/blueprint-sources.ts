import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, posix } from "node:path";
import type { TemplateFile } from "./blueprint.js";
import { readOptional } from "./read-optional.js";
import { locateBlueprint, type BlueprintLocation } from "./blueprint-location.js";

export const VALUES_SCHEMA = "values.schema.json";

/** The files of blueprints/<name>/, read but not parsed or checked; undefined for a missing file. */
export interface BlueprintSources {
  metaText?: string;
  schemaText?: string;
  /** Sorted by file name. */
  templates: TemplateFile[];
  /** Hash of every file of the blueprint, for cache keys and tree stamps. */
  contentHash: string;
  location: BlueprintLocation;
}

/**
 * Reads blueprint.yaml, values.schema.json and every templates/ file ending in .hbs. Cheap (no
 * YAML, no schemas), so a render whose clusters are all unchanged can hash blueprints without
 * loading them.
 */
export async function readBlueprintSources(root: string, reference: string): Promise<BlueprintSources> {
  const location = locateBlueprint(root, reference);
  const { dir } = location;
  const metaText = readOptional(join(root, dir, "blueprint.yaml"));
  const schemaText = readOptional(join(root, dir, VALUES_SCHEMA));
  const templates = templateFiles(join(root, dir))
    .sort()
    .map((t) => ({ file: posix.join(dir, t), source: readFileSync(join(root, dir, t), "utf8") }));
  const contentHash = createHash("sha256").update([metaText ?? "", schemaText ?? "", ...templates.flatMap((t) => [t.file, t.source])].join("\0")).digest("hex");
  return { metaText, schemaText, templates, contentHash, location };
}

/**
 * Every .hbs file under templates/ in a blueprint folder, relative to it: hidden names skipped, links
 * followed (a link that leads back to a folder it is in is not), broken links skipped.
 */
function templateFiles(blueprintDir: string): string[] {
  const found: string[] = [];
  const walk = (rel: string, ancestors: readonly string[]) => {
    const stat = statSync(join(blueprintDir, rel), { throwIfNoEntry: false });
    const id = `${stat?.dev}:${stat?.ino}`;
    if (!stat?.isDirectory() || ancestors.includes(id)) return;
    for (const entry of readdirSync(join(blueprintDir, rel), { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const child = `${rel}/${entry.name}`;
      const target = entry.isSymbolicLink() ? statSync(join(blueprintDir, child), { throwIfNoEntry: false }) : entry;
      if (target?.isDirectory()) walk(child, [...ancestors, id]);
      else if (target?.isFile() && entry.name.endsWith(".hbs")) found.push(child);
    }
  };
  walk("templates", []);
  return found;
}
