import { parseAllDocuments } from "yaml";
import { emitManifest } from "../render/emit-yaml.js";

/**
 * Whether a generated file's text is laid out as kforge writes it: the header comment, then
 * documents in kforge's canonical form. kforge's writer is a fixed point (reading its output
 * and writing it again gives the same text), so a file that is not was edited by hand: a comment
 * added, keys reordered, a value quoted differently. A hand edit that happens to keep the layout
 * passes, and is reported as stale: the fix is the same.
 */
export function hasKforgeLayout(content: string): boolean {
  const body = content.replace(/^(#[^\n]*\n)+/, "");
  try {
    const documents = parseAllDocuments(body, { uniqueKeys: true });
    if (!Array.isArray(documents) || documents.some((d) => d.errors.length > 0)) return false;
    const rewritten = documents.map((d) => emitManifest(d.toJS() as Record<string, unknown>)).join("---\n");
    return rewritten === body;
  } catch {
    return false;
  }
}
