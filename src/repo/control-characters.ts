import { CONTROL_CHARACTER } from "../tree/output-path.js";

export interface ControlCharacterAt {
  /** Path of the string (a key or a value) that holds one. */
  path: (string | number)[];
  /** The first such character, as U+XXXX. */
  character: string;
}

/**
 * Strings in `value`, keys included, that hold a control character (line breaks among them).
 * Names and paths in kforge's files end up in file names and header comments of generated
 * files, where a line break would start a YAML line of its own. `skip` leaves out subtrees
 * (values, which may hold multi-line text: they are written as escaped YAML scalars).
 */
export function findControlCharacters(value: unknown, skip: (path: (string | number)[]) => boolean, path: (string | number)[] = []): ControlCharacterAt[] {
  if (skip(path)) return [];
  if (typeof value === "string") return controlIn(value, path);
  if (Array.isArray(value)) return value.flatMap((item, i) => findControlCharacters(item, skip, [...path, i]));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => [...controlIn(key, [...path, key]), ...findControlCharacters(item, skip, [...path, key])]);
  }
  return [];
}

function controlIn(text: string, path: (string | number)[]): ControlCharacterAt[] {
  const found = CONTROL_CHARACTER.exec(text);
  return found ? [{ path, character: `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}` }] : [];
}
