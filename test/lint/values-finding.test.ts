import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { JsonFinding } from "../../src/report/format-json.js";
import { copyExampleInto } from "../helpers/example-repo.js";
import { makeRepo, runCli } from "../helpers/temp-repo.js";
import { editFile } from "../helpers/edit-file.js";

/**
 * A finding caused by a values entry in an example cluster points at the rendered file and line
 * (what the API server would see) and, as `source`, at the values line the author edited.
 */
const CLUSTER = "clusters/bjrdc-dev/cluster.yaml";

/** A copy of the example fixture's blueprints and clusters (no policy: default severities). */
function exampleCopy(): string {
  const root = makeRepo({});
  copyExampleInto(root, { policies: false });
  return root;
}


/** 1-based line and column of `needle`, searched from the first occurrence of `after` on. */
function positionOf(text: string, needle: string, after = ""): { line: number; column: number } {
  const from = text.indexOf(after);
  expect(from, `"${after}" in the text`).toBeGreaterThanOrEqual(0);
  const at = text.indexOf(needle, from + after.length);
  expect(at, `"${needle}" in the text`).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, at);
  return { line: before.split("\n").length, column: at - before.lastIndexOf("\n") };
}

/** `kforge render`, then `kforge check` in the given format: the committed tree is current, so only lint findings fail it. */
async function renderAndCheck(root: string, format: "json" | "github", expectedExit = 1): Promise<string> {
  expect((await runCli(["render"], root)).code).toBe(0);
  const check = await runCli(["check", "--format", format], root);
  expect(check.stderr).toContain("the committed tree is up to date");
  expect(check.code).toBe(expectedExit);
  return check.stdout;
}

const findingsOf = (stdout: string) => (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;

describe("a values-caused finding in an example cluster", () => {
  const RENDERED = "clusters/bjrdc-dev/rendered/hello-node/deployment-hello-node.yaml";
  const IMAGE = "        image: bjrdc206.reg/bjrdc-dev/hello-node:v1.0.1\n";
  const ENV = "        env: {DB_PASSWORD: hunter2}\n";

  it("points at the rendered env value and, as source, at the values line in cluster.yaml", async () => {
    const root = exampleCopy();
    const values = editFile(root, CLUSTER, IMAGE, IMAGE + ENV);
    const findings = findingsOf(await renderAndCheck(root, "json")).filter((f) => f.ruleId === "plaintext-credential-env");
    const rendered = readFileSync(join(root, RENDERED), "utf8");
    const value = positionOf(rendered, "hunter2", "name: DB_PASSWORD");
    expect(findings).toEqual([
      expect.objectContaining({
        severity: "error",
        file: RENDERED,
        line: value.line,
        column: value.column,
        endLine: value.line,
        endColumn: value.column + "hunter2".length,
        resource: { apiVersion: "apps/v1", kind: "Deployment", namespace: "bjrdc-dev", name: "hello-node" },
        source: { file: CLUSTER, ...positionOf(values, "hunter2") },
        cluster: "bjrdc-dev",
      }),
    ]);
    expect(findings[0].message).toContain("DB_PASSWORD in container app in Deployment bjrdc-dev/hello-node holds a literal value");
  });

  it("is annotated on the values line in --format github, naming the rendered position", async () => {
    const root = exampleCopy();
    const values = editFile(root, CLUSTER, IMAGE, IMAGE + ENV);
    const annotations = (await renderAndCheck(root, "github")).split("\n").filter((l) => l.includes("kforge plaintext-credential-env"));
    const source = positionOf(values, "hunter2");
    const rendered = positionOf(readFileSync(join(root, RENDERED), "utf8"), "hunter2", "name: DB_PASSWORD");
    expect(annotations).toHaveLength(1);
    const command = `::error file=${CLUSTER},line=${source.line},col=${source.column},title=kforge plaintext-credential-env::DB_PASSWORD `;
    expect(annotations[0].slice(0, command.length)).toBe(command);
    expect(annotations[0]).toContain(`(rendered ${RENDERED}:${rendered.line}:${rendered.column})`);
  });

  it("traces a value from a valuesFile to that file", async () => {
    const root = exampleCopy();
    const valuesFile = "clusters/bjrdc-dev/values/elasticsearch.yaml";
    const values = editFile(root, valuesFile, "  storageClassName: ceph-rbd\n", "  storageClassName: ceph-rbd-fast\n");
    // A claim template asking for an unknown class is a warning: the run passes at --fail-on error.
    const findings = findingsOf(await renderAndCheck(root, "json", 0)).filter((f) => f.message.includes("StorageClass ceph-rbd-fast"));
    const renderedFile = "clusters/bjrdc-dev/rendered/elasticsearch/statefulset-elasticsearch.yaml";
    const rendered = positionOf(readFileSync(join(root, renderedFile), "utf8"), "ceph-rbd-fast");
    expect(findings.map((f) => f.ruleId)).toEqual(["statefulset-storage"]);
    for (const finding of findings) {
      expect(finding).toMatchObject({ file: renderedFile, ...rendered, source: { file: valuesFile, ...positionOf(values, "ceph-rbd-fast") } });
    }
  });

  it("points a node-port conflict between two releases at one of the two values lines", async () => {
    const root = exampleCopy();
    const values = editFile(root, CLUSTER, "nodePort: 30300}", "nodePort: 30080}");
    const conflicts = findingsOf(await renderAndCheck(root, "json")).filter((f) => f.ruleId === "nodeport-conflict");
    expect(conflicts).toHaveLength(1);
    const [conflict] = conflicts;
    const ingressNginx = positionOf(values, "30080", "httpNodePort: ");
    const helloNode = positionOf(values, "30080", "- name: hello-node");
    expect([{ file: CLUSTER, ...ingressNginx }, { file: CLUSTER, ...helloNode }]).toContainEqual(conflict.source);
    // The rendered position is the nodePort of the Service made by that same values line.
    const line = readFileSync(join(root, conflict.file), "utf8").split("\n")[conflict.line - 1];
    expect(line.slice(conflict.column - 1)).toBe("30080");
    expect(line.trim()).toBe("nodePort: 30080");
    expect(conflict.file).toContain(conflict.source!.line === ingressNginx.line ? "/ingress-nginx/" : "/hello-node/");
    expect(conflict.message).toMatch(/already used by Service (bjrdc-dev\/hello-node|ingress-nginx\/ingress-nginx-controller)/);
  });
});
