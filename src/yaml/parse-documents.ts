import { isMap, isPair, isScalar, parseAllDocuments, parseDocument, YAMLParseError, type Document, type LineCounter, type Node, type YAMLMap } from "yaml";

interface ParseOptions {
  lineCounter: LineCounter;
}

/**
 * The `yaml` package's own duplicate-key check compares each key with every earlier one
 * (quadratic: minutes for a mapping of 100k keys). kforge parses without it and finds
 * duplicates itself, in one pass with a set per mapping, reporting them the same way.
 */
export function parseOneDocument(text: string, options: ParseOptions): Document {
  const doc = parseDocument(text, { ...options, uniqueKeys: false, prettyErrors: false });
  addDuplicateKeyErrors(doc);
  return doc;
}

export function parseDocuments(text: string, options: ParseOptions): Document[] {
  const parsed = parseAllDocuments(text, { ...options, uniqueKeys: false, prettyErrors: false });
  const documents = (Array.isArray(parsed) ? parsed : [parsed]) as Document[];
  for (const doc of documents) addDuplicateKeyErrors(doc);
  return documents;
}

function addDuplicateKeyErrors(doc: Document): void {
  if (!doc.contents) return;
  // An explicit stack, not recursion: documents nested thousands of levels deep stay readable.
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      checkMap(node, doc);
      for (const pair of node.items) stack.push(pair.value, pair.key);
    } else if (node && typeof node === "object" && "items" in node && Array.isArray((node as { items: unknown }).items)) {
      stack.push(...(node as { items: unknown[] }).items);
    }
  }
}

function checkMap(map: YAMLMap, doc: Document): void {
  const seen = new Set<string>();
  for (const pair of map.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    // Keys become JSON object keys: `1` and `"1"` are the same field to the API server.
    const key = String(pair.key.value);
    if (seen.has(key)) {
      const range = (pair.key as Node).range ?? [0, 0, 0];
      doc.errors.push(new YAMLParseError([range[0], range[1]], "DUPLICATE_KEY", "Map keys must be unique"));
    }
    seen.add(key);
  }
}
