import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";

/** Replaces the one occurrence of `from` in a file under `root`; returns the new text. */
export function editFile(root: string, file: string, from: string, to: string): string {
  const text = readFileSync(join(root, file), "utf8");
  expect(text.split(from), `${file} must hold ${JSON.stringify(from)} exactly once`).toHaveLength(2);
  const edited = text.replace(from, to);
  writeFileSync(join(root, file), edited);
  return edited;
}
