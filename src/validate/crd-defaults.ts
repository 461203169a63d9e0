import type { JsonSchema } from "./value-schemas.js";

/**
 * A copy of `value` with the schema's `default`s filled in where a field is absent, the way the
 * API server defaults a custom resource before it validates it (so CEL rules and list-map keys
 * see the defaulted object). Returns `value` itself where nothing is defaulted.
 */
export function withDefaults(value: unknown, schema: JsonSchema | undefined): unknown {
  if (!schema || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const items = schema.items as JsonSchema | undefined;
    if (!items || typeof items !== "object") return value;
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const defaulted = withDefaults(item, items);
      if (defaulted === item) return;
      copy ??= value.slice();
      copy[index] = defaulted;
    });
    return copy ?? value;
  }
  const object = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  const set = (key: string, item: unknown) => {
    copy ??= { ...object };
    copy[key] = item;
  };
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  for (const [name, child] of Object.entries(properties)) {
    if (!child || typeof child !== "object") continue;
    if (object[name] === undefined && child.default !== undefined) set(name, withDefaults(structuredClone(child.default), child));
    else if (object[name] !== undefined) {
      const defaulted = withDefaults(object[name], child);
      if (defaulted !== object[name]) set(name, defaulted);
    }
  }
  const additional = schema.additionalProperties;
  if (additional && typeof additional === "object") {
    for (const [name, item] of Object.entries(object)) {
      if (name in properties) continue;
      const defaulted = withDefaults(item, additional as JsonSchema);
      if (defaulted !== item) set(name, defaulted);
    }
  }
  return copy ?? object;
}
