import { describe, expect, it } from "vitest";
import { isPair, isScalar, parseDocument, visit } from "yaml";
import { loadWorkflows, type WorkflowFile } from "./workflow-files.js";

/**
 * Every action a shipped workflow runs is pinned to a full commit SHA: a tag like `@v4` can be
 * moved to other code by whoever controls the action's repository (as happened to
 * tj-actions/changed-files), a commit cannot. The version goes in a comment after it, which is
 * what Dependabot and Renovate update along with the SHA. Local actions (`./...`) are part of
 * this repository and need no pin.
 */

const PINNED = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]+@[0-9a-f]{40}$/;
const VERSION_COMMENT = /^ v\d+(\.\d+)*$/;

interface Use {
  file: string;
  line: number;
  uses: string;
  comment: string | undefined;
}

/** Every `uses:` value, of steps and of reusable-workflow jobs, with its line and trailing comment. */
function usesOf({ file, text }: WorkflowFile): Use[] {
  const doc = parseDocument(text, { version: "1.2" });
  const found: Use[] = [];
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key) || pair.key.value !== "uses" || !isScalar(pair.value)) return;
      const offset = pair.value.range?.[0] ?? 0;
      const line = text.slice(0, offset).split("\n").length;
      found.push({ file, line, uses: String(pair.value.value), comment: pair.value.comment ?? undefined });
    },
  });
  return found;
}

function unpinned(workflows: WorkflowFile[]): string[] {
  return workflows
    .flatMap(usesOf)
    .filter(({ uses }) => !uses.startsWith("./"))
    .filter(({ uses, comment }) => !PINNED.test(uses) || !VERSION_COMMENT.test(comment ?? ""))
    .map(({ file, line, uses }) => `${file}:${line}: ${uses} is not pinned to a full commit SHA with its version in a comment (uses: owner/repo@<40 hex> # vX.Y.Z)`);
}

describe("action pins", () => {
  const workflows = loadWorkflows();

  it("pins every action of the shipped workflows to a commit SHA, version in a comment", () => {
    expect(workflows.flatMap(usesOf).length).toBeGreaterThan(0);
    expect(unpinned(workflows)).toEqual([]);
  });

  it("flags tags, branches, short SHAs and a missing version comment; accepts local actions", () => {
    const workflow = (steps: string): WorkflowFile => ({ file: "test.yml", text: `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`, workflow: { jobs: {} } });
    const sha = "11d5960a326750d5838078e36cf38b85af677262";
    expect(unpinned([workflow(`      - uses: actions/checkout@v4\n`)])).toEqual([
      "test.yml:6: actions/checkout@v4 is not pinned to a full commit SHA with its version in a comment (uses: owner/repo@<40 hex> # vX.Y.Z)",
    ]);
    expect(unpinned([workflow(`      - uses: actions/checkout@main # v4.4.0\n`)])).toHaveLength(1);
    expect(unpinned([workflow(`      - uses: actions/checkout@11d5960 # v4.4.0\n`)])).toHaveLength(1);
    expect(unpinned([workflow(`      - uses: actions/checkout@${sha}\n`)])).toHaveLength(1);
    expect(unpinned([workflow(`      - uses: "actions/checkout@v4" # v4\n`)])).toHaveLength(1);
    expect(unpinned([workflow(`      - uses: ./.github/actions/local\n      - uses: actions/checkout@${sha} # v4.4.0\n`)])).toEqual([]);
    // A reusable workflow at job level is an action too.
    const job = { file: "job.yml", text: `on: push\njobs:\n  a:\n    uses: org/repo/.github/workflows/x.yml@v1\n`, workflow: { jobs: {} } };
    expect(unpinned([job])).toHaveLength(1);
  });
});
