import { cpSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { makeRepo, runCli } from "./temp-repo.js";

/**
 * The frozen example repository (inputs only) that tests copy. Tests never read the working
 * repository's clusters/, blueprints/ or policies/: a team edits those, and its tests must
 * keep passing when it does.
 */
export const EXAMPLE_FIXTURE = fileURLToPath(new URL("../fixtures/example-repo", import.meta.url));

/** Clusters of the fixture, for tests that name them. */
export const EXAMPLE_CLUSTERS = ["bjrdc-dev", "prod"] as const;

export interface ExampleCopyOptions {
  /** Render the copy (clusters/<name>/rendered, gitops/, the fleet ApplicationSet); default true. */
  render?: boolean;
  /** Copy policies/ too; default true. Without it, findings have their rules' default severities. */
  policies?: boolean;
}

/** A temp folder holding the example repository, rendered unless told otherwise. */
export async function copyExampleRepo(options: ExampleCopyOptions = {}): Promise<string> {
  const root = makeRepo({});
  copyExampleInto(root, options);
  if (options.render ?? true) {
    const result = await runCli(["render", "--no-cache"], root);
    expect(result.code, result.stderr).toBe(0);
  }
  return root;
}

/** Copies the fixture's inputs into an existing folder (a scratch git repository, say). */
export function copyExampleInto(root: string, options: Pick<ExampleCopyOptions, "policies"> = {}): void {
  for (const folder of ["blueprints", "clusters", ...(options.policies ?? true ? ["policies"] : [])]) {
    cpSync(join(EXAMPLE_FIXTURE, folder), join(root, folder), { recursive: true });
  }
}
