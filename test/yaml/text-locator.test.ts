import { readFileSync } from "node:fs";
import fg from "fast-glob";
import { describe, expect, it } from "vitest";
import { readDocumentsFast } from "../../src/yaml/fast-read.js";
import { textLocator } from "../../src/yaml/text-locator.js";
import { compareLocators } from "../helpers/locator-comparison.js";


/** The text locator's answers for `text`, each checked against the full parse. */
function compare(text: string, where: string): { asked: number; answered: number } {
  const result = compareLocators(text, where);
  expect(result.differences).toEqual([]);
  return result;
}

describe("positions found in the text", () => {
  it("equal the yaml package's, start and end, on every field of the fixtures and the example clusters, and answer most", () => {
    let asked = 0;
    let answered = 0;
    for (const file of fg.sync(["test/fixtures/**/*.{yaml,yml}"])) {
      const text = readFileSync(file, "utf8");
      if (!readDocumentsFast(text)) continue;
      const counts = compare(text, file);
      asked += counts.asked;
      answered += counts.answered;
    }
    expect(asked).toBeGreaterThan(1500);
    expect(answered / asked).toBeGreaterThan(0.9);
  });

  it("equal them in the shapes plain Kubernetes YAML takes, or say they are unsure", () => {
    const shapes = [
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a   # trailing comment\n  labels: {app: web, tier: \"x\"}\ndata:\n  a: 'it''s'\n  b: \"q\\\"uote\"\n  empty:\n  spaced:   # nothing\n",
      "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  spec:\n    ports:\n    - port: 80\n      targetPort: http\n    -   port: 443\n- 7\n-\n- [a, {b: c}]\n",
      "apiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n  name: crlf\r\nspec:\r\n  replicas: 2\r\n",
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: multi\n  annotations:\n    note: a plain scalar\n      continued here\ndata:\n  script: |\n    #!/bin/sh\n    echo on && run *\n\n  after: x\n",
      "# leading comment\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: one\n  # a comment that may belong to metadata\n---\n\n---   # empty document\napiVersion: v1\nkind: Namespace\nmetadata: {name: two}\nspec:\n  finalizers:\n  - kubernetes\n",
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    80: numeric\n    \"quoted\": key\n    on: yaml11\nspec:\n  containers:\n    - name: a\n      args: [\"--x\", \"--y=[1]\"]\n      command:\n        - sh\n        - -c\n",
      "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  key: value: with colon\n  url: http://example.com/a#frag\n  tagged: a # b\n",
    ];
    let answered = 0;
    shapes.forEach((text, i) => {
      if (!readDocumentsFast(text)) return;
      answered += compare(text, `shape ${i}`).answered;
    });
    expect(answered).toBeGreaterThan(60);
  });

  it("points at what a finding names: a value, a key whose block follows, the deepest field that exists", () => {
    const text = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n";
    const locator = textLocator(text);
    expect(locator.locate(0, ["spec", "template", "spec", "containers", 0, "image"])).toEqual({ line: 10, column: 18, endLine: 10, endColumn: 28 });
    expect(locator.locate(0, ["spec", "template", "spec", "containers"])).toEqual({ line: 8, column: 7, endLine: 11, endColumn: 1 });
    expect(locator.locate(0, ["spec", "template", "spec", "containers", 0, "resources"])).toEqual({ line: 9, column: 11, endLine: 11, endColumn: 1 });
    expect(locator.locate(1, ["spec"])).toBeUndefined();
  });
});
