import { createHash } from "node:crypto";
import type { StrictDefinitions } from "./openapi-definitions.js";
import type { JsonSchema } from "./value-schemas.js";

/**
 * Definitions of many Kubernetes releases, each distinct one stored once. Most definitions are
 * identical from one minor to the next, so a definition is keyed by its name and the first
 * release it has that exact shape in: `core.v1.PodSpec@1.30`. Identity covers what a definition
 * references (a Deployment whose PodSpec changed is a new Deployment), found per strongly
 * connected group of definitions, so self-referencing ones (JSONSchemaProps) are handled too.
 * Two names with the same shape (a type copied into another API group) share one key.
 */
export class DefinitionStore {
  readonly definitions: Record<string, JsonSchema> = {};
  /** Release -> apiVersion -> kind -> key in `definitions`. */
  readonly releases: Record<string, Record<string, Record<string, string>>> = {};
  /** Release -> the key of its ObjectMeta (custom resources reference it). */
  readonly objectMeta: Record<string, string> = {};
  private readonly groups = new Map<string, Map<string, string>>();

  /** Adds one release ("1.30"); returns its definition name -> key map. */
  add(release: string, strict: StrictDefinitions): Map<string, string> {
    const keys = new Map<string, string>();
    for (const group of dependencyOrder(strict.definitions)) {
      const members = [...group].sort();
      const content = members.map((name) => [name, JSON.stringify(rewriteRefs(strict.definitions[name], (ref) => (group.has(ref) ? `=${ref}` : key(keys, ref))))]);
      // A lone definition is identified by its shape alone: two names with one shape share a key.
      const identity = members.length === 1 ? content[0][1] : JSON.stringify(content);
      const hash = createHash("sha256").update(identity).digest("hex");
      let stored = this.groups.get(hash);
      if (!stored) {
        stored = new Map(members.map((name) => [name, `${name}@${release}`]));
        for (const name of members) {
          this.definitions[stored.get(name)!] = rewriteRefs(strict.definitions[name], (ref) => (group.has(ref) ? stored!.get(ref)! : key(keys, ref)));
        }
        this.groups.set(hash, stored);
      }
      const shared = [...stored.values()];
      members.forEach((name, i) => keys.set(name, stored.get(name) ?? shared[i]));
    }
    this.releases[release] = Object.fromEntries(
      Object.entries(strict.kinds).map(([apiVersion, kinds]) => [apiVersion, Object.fromEntries(Object.entries(kinds).map(([kind, name]) => [kind, key(keys, name)]))]),
    );
    const meta = keys.get("meta.v1.ObjectMeta");
    if (meta) this.objectMeta[release] = meta;
    return keys;
  }
}

function key(keys: Map<string, string>, name: string): string {
  const found = keys.get(name);
  if (!found) throw new Error(`definition ${name} is referenced but not defined`);
  return found;
}

const REF_PREFIX = "#/definitions/";

/** A copy of `schema` with every `#/definitions/<name>` reference renamed by `rename`. */
function rewriteRefs(schema: unknown, rename: (name: string) => string): JsonSchema {
  // `names`: the value is a map of names to schemas (`properties`), so its keys are not keywords.
  const walk = (value: unknown, names = false): unknown => {
    if (Array.isArray(value)) return value.map((item) => walk(item));
    if (value === null || typeof value !== "object") return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (names) out[k] = walk(v);
      else if (k === "$ref" && typeof v === "string" && v.startsWith(REF_PREFIX)) out[k] = `${REF_PREFIX}${rename(v.slice(REF_PREFIX.length))}`;
      else out[k] = k === "enum" ? v : walk(v, k === "properties");
    }
    return out;
  };
  return walk(schema) as JsonSchema;
}

function refsOf(schema: unknown, into: Set<string>, names = false): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) refsOf(item, into);
  else if (schema !== null && typeof schema === "object") {
    for (const [k, v] of Object.entries(schema)) {
      if (names) refsOf(v, into);
      else if (k === "$ref" && typeof v === "string" && v.startsWith(REF_PREFIX)) into.add(v.slice(REF_PREFIX.length));
      else if (k !== "enum") refsOf(v, into, k === "properties");
    }
  }
  return into;
}

/** Strongly connected groups of definitions, each after every group it references (Tarjan). */
function dependencyOrder(definitions: Record<string, JsonSchema>): Set<string>[] {
  const edges = new Map(Object.entries(definitions).map(([name, schema]) => [name, [...refsOf(schema, new Set())].filter((ref) => ref in definitions)]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const order: Set<string>[] = [];
  let next = 0;
  const visit = (start: string): void => {
    // Iterative, so a deep chain of references cannot overflow the call stack.
    const frames: { name: string; edge: number }[] = [{ name: start, edge: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const targets = edges.get(frame.name)!;
      if (frame.edge < targets.length) {
        const target = targets[frame.edge++];
        if (!index.has(target)) {
          index.set(target, next);
          low.set(target, next++);
          stack.push(target);
          onStack.add(target);
          frames.push({ name: target, edge: 0 });
        } else if (onStack.has(target)) low.set(frame.name, Math.min(low.get(frame.name)!, index.get(target)!));
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1].name;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.name)!));
      }
      if (low.get(frame.name) === index.get(frame.name)) {
        const group = new Set<string>();
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          group.add(member);
        } while (member !== frame.name);
        order.push(group);
      }
    }
  };
  for (const name of Object.keys(definitions).sort()) if (!index.has(name)) visit(name);
  return order;
}
