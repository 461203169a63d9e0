import type { FieldPath } from "../../src/resources/resource.js";

/** Every field path of a value, plus a missing field below each mapping and one past each sequence. */
export function fieldPathsOf(value: unknown, path: FieldPath = [], out: FieldPath[] = []): FieldPath[] {
  out.push(path);
  if (Array.isArray(value)) {
    value.forEach((item, i) => fieldPathsOf(item, [...path, i], out));
    out.push([...path, value.length]);
  } else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) fieldPathsOf(child, [...path, key], out);
    out.push([...path, "no-such-field"]);
  }
  return out;
}
