import { describe, expect, it } from "vitest";
import { githubWorkflowErrors } from "./github-workflow-parser.js";
import { loadWorkflows } from "./workflow-files.js";

const VALID = `on: push
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo hello
`;

describe("GitHub's workflow parser", () => {
  it.each(loadWorkflows())("accepts $file", async ({ file, text }) => {
    expect(await githubWorkflowErrors(file, text)).toEqual([]);
  });

  // The negative cases prove the parser really validates: without them a parser that accepted
  // everything (or a loader that silently parsed nothing) would let the check above pass.
  it("accepts a minimal valid workflow", async () => {
    expect(await githubWorkflowErrors("valid.yml", VALID)).toEqual([]);
  });

  it.each([
    ["a job without runs-on", VALID.replace("    runs-on: ubuntu-latest\n", ""), /Line: 6, Col: 5\): Required property is missing: runs-on/],
    ["an unknown job key", VALID.replace("steps:", "stepz:"), /Unexpected value 'stepz'/],
    ["a misspelt permission level", VALID.replace("contents: read", "contents: writ"), /Line: 3, Col: 13\): Unexpected value 'writ'/],
    ["an unknown expression context", VALID.replace("echo hello", "echo ${{ pull_request.title }}"), /Unrecognized named-value: 'pull_request'/],
    ["needs on a job that does not exist", `${VALID}  test:\n    needs: [lint]\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n`, /depends on unknown job 'lint'/],
  ])("reports %s", async (_, content, message) => {
    const errors = await githubWorkflowErrors("broken.yml", content);
    expect(errors.some((e) => message.test(e)), errors.join("\n")).toBe(true);
  });
});
