import { buildStamp } from "../build-stamp.js";

/**
 * An identity of the renderer's code, so cached renders are dropped when kforge changes, even
 * between releases with the same version number: kforge's build stamp (every built file's name,
 * size and mtime; the sources' when run from them).
 */
export function rendererId(): string {
  return buildStamp();
}
