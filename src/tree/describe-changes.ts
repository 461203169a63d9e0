import { structuredPatch } from "diff";
import type { TreeChange } from "./tree-changes.js";

const MAX_LINES_PER_FILE = 8;

/** A readable per-file summary of how the tree on disk differs from a fresh render. */
export function describeChanges(changes: readonly TreeChange[]): string {
  const out: string[] = [];
  for (const change of changes) {
    if (change.kind === "add") out.push(`  missing  ${change.path}`);
    else if (change.leftover) out.push(`  leftover ${change.path}  (temporary file of a render that was interrupted)`);
    else if (change.kind === "delete") out.push(`  stale    ${change.path}  (generated earlier, no longer produced)`);
    else {
      const patch = structuredPatch(change.path, change.path, change.before ?? "", change.after ?? "", "", "", { context: 0 });
      const lines = patch.hunks.flatMap((h) => h.lines.map((l, i) => ({ l, at: h.oldStart + i })));
      const added = lines.filter((x) => x.l.startsWith("+")).length;
      const removed = lines.filter((x) => x.l.startsWith("-")).length;
      out.push(`  changed  ${change.path}  (+${added} -${removed})`);
      for (const hunk of patch.hunks.slice(0, 3)) {
        out.push(`      @@ line ${hunk.oldStart}`);
        for (const line of hunk.lines.slice(0, MAX_LINES_PER_FILE)) out.push(`      ${line.startsWith("-") ? "committed" : "rendered "} ${line.slice(1)}`);
      }
    }
  }
  return out.join("\n");
}
