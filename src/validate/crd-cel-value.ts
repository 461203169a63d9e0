import type { JsonSchema } from "./value-schemas.js";

/**
 * A custom resource's value as CEL sees it, typed by its schema as the API server types it:
 * `integer` (and the integer side of int-or-string) is a CEL int, `number` a double, and in
 * fields the schema leaves open (x-kubernetes-preserve-unknown-fields) whole numbers are ints.
 * `format: byte` strings are bytes, `duration` and `date-time` ones stay strings (kforge does not
 * model those CEL types from schemas yet).
 */
export function toCelValue(value: unknown, schema: JsonSchema | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") {
    const type = schema?.type;
    if (type === "number") return value;
    if (Number.isInteger(value)) return BigInt(value);
    return value;
  }
  if (typeof value === "string") {
    if (schema?.format === "byte" && /^[A-Za-z0-9+/]*={0,2}$/.test(value)) return new Uint8Array(Buffer.from(value, "base64"));
    return value;
  }
  if (Array.isArray(value)) {
    const items = schema?.items as JsonSchema | undefined;
    return value.map((item) => toCelValue(item, items && typeof items === "object" ? items : undefined));
  }
  if (typeof value === "object") {
    const properties = (schema?.properties ?? {}) as Record<string, JsonSchema>;
    const additional = schema?.additionalProperties;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === null && !properties[key]?.nullable) continue; // a null field is an absent field
      out[key in properties ? escapeName(key) : key] = toCelValue(item, properties[key] ?? (additional && typeof additional === "object" ? (additional as JsonSchema) : undefined));
    }
    return out;
  }
  return value;
}

/** CEL reserved words: a field with such a name is `__name__` in rules (`self.__namespace__`). */
const RESERVED = new Set(["true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop", "package", "namespace", "return", "var", "void", "while"]);

/** How the API server names a declared field in CEL: reserved words and `_ . - /` are escaped. */
export function escapeName(name: string): string {
  if (RESERVED.has(name)) return `__${name}__`;
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !name.includes("__")) return name;
  return name.replace(/__|[./-]/g, (part) => (part === "__" ? "__underscores__" : part === "." ? "__dot__" : part === "-" ? "__dash__" : "__slash__"));
}

/** How many values (scalars and collections) `value` holds, counting up to `limit` and stopping there. */
export function countValues(value: unknown, limit: number): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && count <= limit) {
    const item = stack.pop();
    count++;
    if (typeof item === "string") count += Math.floor(item.length / 64);
    else if (Array.isArray(item)) stack.push(...item);
    else if (item && typeof item === "object") stack.push(...Object.values(item));
  }
  return count;
}
