import { isScalar, type Document } from "yaml";

/**
 * A document with nothing in it: `---` followed by nothing or only comments, as kubectl and
 * helm output often end. The yaml package gives it an empty null scalar rather than no contents.
 */
export function isEmptyDocument(doc: Document): boolean {
  const contents = doc.contents;
  return contents === null || (isScalar(contents) && contents.value === null && (contents.source === "" || contents.source === undefined));
}
