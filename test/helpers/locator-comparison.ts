import { parseManifestsFully } from "../../src/resources/parse-manifests.js";
import type { FieldPath } from "../../src/resources/resource.js";
import { textLocator } from "../../src/yaml/text-locator.js";

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

/**
 * Asks the text locator for every field of every document of `text` and compares each answer
 * with the full parse's position: how many it was asked, how many it answered, and every
 * answer that differs.
 */
export function compareLocators(text: string, where: string): { asked: number; answered: number; differences: string[] } {
  const full = parseManifestsFully(text, where);
  const locator = textLocator(text);
  const result = { asked: 0, answered: 0, differences: [] as string[] };
  full.resources.forEach((resource, ordinal) => {
    for (const path of fieldPathsOf(resource.object)) {
      result.asked++;
      const span = locator.locate(ordinal, path);
      if (!span) continue;
      result.answered++;
      const expected = resource.locate(path);
      if (JSON.stringify(span) !== JSON.stringify(expected)) result.differences.push(`${where} #${ordinal} ${path.join(".")}: text ${JSON.stringify(span)} vs yaml ${JSON.stringify(expected)}`);
    }
  });
  return result;
}
