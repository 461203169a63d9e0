import { describe, expect, it } from "vitest";
import { changedFields } from "../../src/diff/changed-fields.js";
import { summarize, type DiffResult } from "../../src/diff/diff-result.js";
import { formatDiffMarkdown, MAX_PATCH_CHARS } from "../../src/diff/format-diff-markdown.js";
import { lintDelta } from "../../src/diff/lint-delta.js";
import { BatchParser } from "../../src/diff/git-base-tree.js";
import { redactSecret } from "../../src/diff/redact-secret.js";
import { canonicalGroup, identityKey } from "../../src/diff/resource-identity.js";
import type { Finding } from "../../src/lint/finding.js";

describe("changedFields", () => {
  it("names changed leaves with dots, indexes and quoted odd keys", () => {
    const before = { spec: { replicas: 2, template: { spec: { containers: [{ name: "a", image: "x:1" }] } } }, metadata: { labels: { "app.kubernetes.io/name": "a" } } };
    const after = { spec: { replicas: 3, template: { spec: { containers: [{ name: "a", image: "x:2" }] } } }, metadata: { labels: { "app.kubernetes.io/name": "b" } } };
    expect(changedFields(before, after)).toEqual(['metadata.labels["app.kubernetes.io/name"]', "spec.replicas", "spec.template.spec.containers[0].image"]);
  });

  it("reports an added or removed field or list item once, at its own path", () => {
    expect(changedFields({ a: { b: 1 } }, { a: { b: 1, c: { d: 1, e: 2 } } })).toEqual(["a.c"]);
    expect(changedFields({ a: [1, 2, 3] }, { a: [1, 2] })).toEqual(["a[2]"]);
    expect(changedFields({ a: 1 }, { a: [1] })).toEqual(["a"]);
    expect(changedFields({ a: 1 }, { a: 1 })).toEqual([]);
  });
});

describe("redactSecret", () => {
  const secret = (stringData: Record<string, string>, data?: Record<string, string>) => ({ apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, stringData, ...(data ? { data } : {}) });

  it("replaces every value, keeps keys, and marks values that differ from the other side", () => {
    const base = secret({ a: "1", b: "2" }, { c: "Mw==" });
    const head = secret({ a: "1", b: "changed", n: "new" }, { c: "NA==" });
    expect(redactSecret(base)).toEqual(secret({ a: "<redacted>", b: "<redacted>" }, { c: "<redacted>" }));
    expect(redactSecret(head, base)).toEqual(secret({ a: "<redacted>", b: "<redacted, changed>", n: "<redacted>" }, { c: "<redacted, changed>" }));
    expect(head.stringData.b).toBe("changed"); // the original is not modified
  });

  it("leaves other kinds alone", () => {
    const configMap = { apiVersion: "v1", kind: "ConfigMap", data: { a: "1" } };
    expect(redactSecret(configMap)).toBe(configMap);
  });
});

describe("resource identity", () => {
  it("follows kinds that moved group, so the version and old group do not matter", () => {
    expect(canonicalGroup("extensions/v1beta1", "Deployment")).toBe("apps");
    expect(canonicalGroup("extensions/v1beta1", "Ingress")).toBe("networking.k8s.io");
    expect(canonicalGroup("extensions/v1beta1", "PodSecurityPolicy")).toBe("policy");
    expect(canonicalGroup("v1", "Service")).toBe("");
    expect(identityKey({ apiVersion: "extensions/v1beta1", kind: "Ingress", namespace: "n", name: "x" })).toBe(identityKey({ apiVersion: "networking.k8s.io/v1", kind: "Ingress", namespace: "n", name: "x" }));
    expect(identityKey({ apiVersion: "example.com/v1", kind: "Deployment", name: "x" })).not.toBe(identityKey({ apiVersion: "apps/v1", kind: "Deployment", name: "x" }));
  });
});

describe("lintDelta", () => {
  const finding = (over: Partial<Finding>): Finding => ({
    ruleId: "probes", severity: "warning", message: "no probe", file: "clusters/dev/rendered/web/deployment-web.yaml", line: 10, column: 3, endLine: 10, endColumn: 9,
    cluster: "dev", resource: { apiVersion: "apps/v1", kind: "Deployment", namespace: "apps", name: "web" }, ...over,
  });

  it("matches findings without positions, counting duplicates", () => {
    const base = [finding({}), finding({ ruleId: "image-tag", message: "latest" })];
    const head = [finding({ line: 20 }), finding({ line: 30 }), finding({ ruleId: "resources", message: "no limits" })];
    const { introduced, fixed } = lintDelta(base, head);
    expect(introduced.map((f) => [f.ruleId, f.line])).toEqual([["probes", 30], ["resources", 10]]);
    expect(fixed.map((f) => f.ruleId)).toEqual(["image-tag"]);
  });

  it("ignores line numbers quoted in messages and apiVersion bumps of the resource", () => {
    const base = [finding({ ruleId: "duplicate-resource", message: "defined twice: already at clusters/dev/rendered/a.yaml:4" })];
    const head = [finding({ ruleId: "duplicate-resource", message: "defined twice: already at clusters/dev/rendered/a.yaml:9", resource: { apiVersion: "extensions/v1beta1", kind: "Deployment", namespace: "apps", name: "web" } })];
    expect(lintDelta(base, head)).toEqual({ introduced: [], fixed: [] });
  });
});

describe("formatDiffMarkdown", () => {
  const result = (patch: string): DiffResult => {
    const clusters: DiffResult["clusters"] = [{ name: "dev", state: "compared", added: [], removed: [], changed: [{ resource: { apiVersion: "v1", kind: "ConfigMap", namespace: "a", name: "<b>", file: "f.yaml" }, fields: ["data.x"], patch }] }];
    const lint = { introduced: [], fixed: [] };
    const fleet: DiffResult["fleet"] = { file: "clusters/applicationset.yaml", state: "compared", added: [], removed: [], changed: [] };
    return { base: { ref: "origin/main", commit: "0123456789abcdef" }, clusters, fleet, lint, summary: summarize(clusters, lint, fleet) };
  };

  it("fences a patch with more backticks than it contains and escapes HTML in the summary", () => {
    const body = formatDiffMarkdown(result("--- a/f.yaml\n+++ b/f.yaml\n@@ -1 +1 @@\n-x: ```\n+x: ````\n"));
    expect(body).toContain("<details><summary>ConfigMap a/&lt;b&gt;: data.x</summary>\n\n`````diff\n--- a/f.yaml");
    expect(body).toContain("+x: ````\n`````\n\n</details>");
    expect(body).toContain("Working tree compared with `origin/main` (`0123456789ab`)");
  });

  it("leaves out patches beyond the size budget of a pull request comment", () => {
    const body = formatDiffMarkdown(result(`@@ -1 +1 @@\n${"+x\n".repeat(MAX_PATCH_CHARS)}`));
    expect(body).toContain("Patch left out to keep this comment within GitHub's size limit");
    expect(body.length).toBeLessThan(65_536);
  });
});

describe("BatchParser", () => {
  it("splits `git cat-file --batch` output however it is chunked", () => {
    const blobs: [string, string][] = [["a1", "first\n"], ["b2", ""], ["c3", "x".repeat(70_000)]];
    const out = Buffer.from(blobs.map(([sha, content]) => `${sha} blob ${content.length}\n${content}\n`).join(""));
    for (const size of [1, 7, 4096, out.length]) {
      const seen: [string, string][] = [];
      const parser = new BatchParser((sha, content) => seen.push([sha, content.toString()]));
      for (let at = 0; at < out.length; at += size) parser.push(out.subarray(at, at + size));
      expect(seen, `chunks of ${size}`).toEqual(blobs);
      expect(parser.received).toBe(3);
    }
  });

  it("refuses an answer that is not a blob", () => {
    expect(() => new BatchParser(() => {}).push(Buffer.from("abc missing\n"))).toThrow('unexpected answer "abc missing"');
  });
});
