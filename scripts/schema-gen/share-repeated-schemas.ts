import type { JsonSchema } from "../../src/validate/value-schemas.js";

/**
 * A CRD's openAPIV3Schema writes every nested type inline, so an ApplicationSet repeats the whole
 * Application spec in every generator (and in matrix and merge generators again). ajv compiles
 * each copy on its own: 16 MB of validator code for the GitOps kinds. Moving object schemas that
 * occur more than once into shared definitions restores what one `$ref` per type costs;
 * validation results do not change.
 */

/** Smaller repeated objects (`{name}` references and the like) are cheap inline: leave them. */
const MIN_SHARED_LENGTH = 256;

type Visit = (node: JsonSchema, path: string, key: string) => JsonSchema | undefined;

/** Shares repeated object schemas of `definitions` in place; returns how many it made. */
export function shareRepeatedSchemas(definitions: Record<string, JsonSchema>): number {
  const names = new Map<string, { count: number; name: string }>();
  const roots = Object.keys(definitions).sort();
  for (const root of roots) {
    walk(definitions[root], root, (key, path) => {
      const seen = names.get(key);
      names.set(key, seen ? { count: seen.count + 1, name: shorter(seen.name, path) } : { count: 1, name: path });
    });
  }
  const shared = new Map([...names].filter(([, entry]) => entry.count > 1).map(([key, entry]) => [key, entry.name]));
  for (const name of shared.values()) if (name in definitions) throw new Error(`shared schema name ${name} is already a definition`);
  const made = new Set<string>();
  const share: Visit = (node, _path, key) => {
    const name = shared.get(key);
    if (!name) return undefined;
    if (!made.has(name)) {
      made.add(name);
      definitions[name] = rewriteChildren(node, name, share);
    }
    return { $ref: `#/definitions/${name}` };
  };
  for (const root of roots) definitions[root] = rewriteChildren(definitions[root], root, share);
  return shared.size;
}

/** Calls `visit` on every large inline object below `schema` (not on `schema` itself). */
function walk(schema: JsonSchema, path: string, visit: (key: string, path: string) => void): void {
  for (const [child, childPath] of children(schema, path)) {
    if (isLargeObject(child)) visit(JSON.stringify(child), childPath);
    walk(child, childPath, visit);
  }
}

/** A copy of `schema` whose children `visit` may replace (with a `$ref`), recursively. */
function rewriteChildren(schema: JsonSchema, path: string, visit: Visit): JsonSchema {
  const copy: JsonSchema = { ...schema };
  const rewrite = (child: JsonSchema, childPath: string): JsonSchema =>
    (isLargeObject(child) ? visit(child, childPath, JSON.stringify(child)) : undefined) ?? rewriteChildren(child, childPath, visit);
  if (isSchema(schema.properties)) {
    copy.properties = Object.fromEntries(Object.entries(schema.properties as Record<string, JsonSchema>).map(([name, child]) => [name, rewrite(child, `${path}.${name}`)]));
  }
  if (isSchema(schema.items)) copy.items = rewrite(schema.items as JsonSchema, `${path}[]`);
  if (isSchema(schema.additionalProperties)) copy.additionalProperties = rewrite(schema.additionalProperties as JsonSchema, `${path}{}`);
  return copy;
}

function children(schema: JsonSchema, path: string): [JsonSchema, string][] {
  const out: [JsonSchema, string][] = [];
  if (isSchema(schema.properties)) {
    for (const name of Object.keys(schema.properties as object).sort()) out.push([(schema.properties as Record<string, JsonSchema>)[name], `${path}.${name}`]);
  }
  if (isSchema(schema.items)) out.push([schema.items as JsonSchema, `${path}[]`]);
  if (isSchema(schema.additionalProperties)) out.push([schema.additionalProperties as JsonSchema, `${path}{}`]);
  return out;
}

function isSchema(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isLargeObject(schema: JsonSchema): boolean {
  return schema.type === "object" && isSchema(schema.properties) && JSON.stringify(schema).length >= MIN_SHARED_LENGTH;
}

/** The name a shared schema gets: its shortest path, then the first alphabetically (stable). */
function shorter(a: string, b: string): string {
  return a.length !== b.length ? (a.length < b.length ? a : b) : a < b ? a : b;
}
