import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/package-root.js";
import { copyExampleRepo } from "../helpers/example-repo.js";
import { runCli } from "../helpers/temp-repo.js";

// docs/github.md shows what a reviewer sees for one finding; this keeps the sample honest by
// making the same edit in a copy of the example repository and running what kforge.yml runs.
const docs = readFileSync(join(PACKAGE_ROOT, "docs", "github.md"), "utf8");

async function exampleWithLiteralPassword(): Promise<string> {
  const copy = await copyExampleRepo();
  const cluster = join(copy, "clusters", "bjrdc-dev", "cluster.yaml");
  const text = readFileSync(cluster, "utf8");
  const edited = text.replace("        port: 8080\n", "        port: 8080\n        env: {DB_PASSWORD: hunter2}\n");
  if (edited === text) throw new Error("hello-node's values moved: update the sample edit here and in docs/github.md");
  writeFileSync(cluster, edited);
  return copy;
}

describe("docs/github.md", () => {
  it("shows the annotation `kforge check --format github` prints for the sample edit", async () => {
    const repo = await exampleWithLiteralPassword();
    // No render first: the stale file is annotated on the same values line, as docs/github.md says.
    const check = await runCli(["check", "--format", "github"], repo);
    expect(check.code).toBe(1);
    const annotations = check.stdout.trim().split("\n");
    expect(annotations.map((a) => /title=kforge ([a-z-]+)::/.exec(a)?.[1])).toEqual(["render-stale", "plaintext-credential-env"]);
    for (const a of annotations) expect(a).toMatch(/^::error file=clusters\/bjrdc-dev\/cluster\.yaml,line=63,/);
    expect(docs).toContain(`\n${annotations[1]}\n`);
  });

  it("shows a comment that starts with the marker kforge comment looks for", () => {
    expect(docs).toMatch(/````markdown\n<!-- kforge:report -->\n## kforge report\n/);
  });
});
