import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { parseManifests, parseManifestsFully } from "../../src/resources/parse-manifests.js";
import { readDocumentsFast } from "../../src/yaml/fast-read.js";
import { parseYamlFile, parseYamlFileFully } from "../../src/yaml/read-yaml-file.js";
import { isEmptyDocument } from "../../src/yaml/empty-document.js";

/** What the `yaml` package reads: the non-empty documents' values, or its error codes. */
function fullRead(text: string): unknown {
  const docs = parseAllDocuments(text, { uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const errors = list.flatMap((d) => d.errors.map((e) => e.code));
  return errors.length > 0 ? `errors: ${errors.join(", ")}` : list.filter((d) => !isEmptyDocument(d)).map((d) => d.toJS());
}

/** Inputs where js-yaml and the `yaml` package could disagree: scalars, keys, markers, broken YAML. */
const TRICKY = [
  // scalars of the YAML 1.2 core schema and near misses
  "x: 1_000\n", "x: 0o17\n", "x: 0x1F\n", "x: 0x1g\n", "x: 1e3\n", "x: .5\n", "x: +12\n", "x: -0\n", "x: 12345678901234567890\n",
  "x: .inf\n", "x: -.Inf\n", "x: .NaN\n", "x: 2001-12-14\n", "x: 1.0\n", "x: 1.\n", "x: 0.1.2\n", "x: 1:2\n", "x: -1\n",
  "x: True\n", "x: TRUE\n", "x: tRue\n", "x: Null\n", "x: nULL\n", "x:\n", "x: ''\n", "x: \"\\u00e9\\x41\\t\"\n", "x: 'it''s'\n",
  // keys
  "1: a\n", "true: a\n", "0x10: a\n", "1.50: a\n", "~: a\n", "null: a\n", ": a\n", "? a\n: b\n", "[a, b]: c\n", "{a: b}: c\n",
  "\"a\": 1\n\"a\": 2\n", "a: 1\n a: 2\n", "a: {b: 1, b: 2}\n", "__proto__: {a: 1}\n",
  // documents and markers
  "a: 1\n---\nb: 2\n...\n", "a: 1\n---\n", "---\n---\na: 1", "a: 1\n...\n---\n# c\n", "---a: 1\n", "--- a: 1\n", "a: 1\n...x\n",
  "--- |\n  x\n", "--- [a]\n", "a: 1\n---\n~\n", "a: 1\n--- null\n", "- ~\n", "%YAML 1.1\n---\na: yes\n", "\ufeffa: 1\n", "a: 1\r\nb: 2\r\n",
  // anchors, aliases, tags
  "a: &x {b: 1}\nc: *x\n", "a: !!str 1\n", "a: !custom x\n", "a: ! 1\n", "a: !!binary aGk=\n",
  // collections and block scalars
  "a:\n- b\n- c\n", "- - a\n  - b\n", "a: [1, 2,]\n", "a: [b\n  , c]\n", "a: {b:c}\n", "a: {\"b\":c}\n", "a: x:y\n",
  "a: |\n  on\n  0755\n  x && y\nb: 1\n", "a: >-\n  folded\n\n  more\n", "a: |-\n\n  x\n", "a: |\n x\n  y\nb: 1\n", "a: |\nb: 1\n",
  "a: x # c\n#c\nb: 2\n", "a: \"multi\n  line\"\n", "a: plain\n  continued\n",
  // broken YAML
  "a: 1\nb:\n  - x\n   - y\n", "a:\tb\n", "a:\n\t- x\n", "a: b: c\n", "a: 'x\n", "a: \"x\\q\"\n", "[a, b\n", "{a: 1\n", "a: @x\n", "a: `x\n",
  "a:\n  b: 1\n c: 2\n", "x: - a\n", "- a\n-b\n",
];

describe("readDocumentsFast", () => {
  it.each(TRICKY)("reads %j exactly as the yaml package does, or declines it", (text) => {
    const fast = readDocumentsFast(text);
    if (fast === undefined) return;
    expect(fast.filter((d) => d !== null && d !== undefined)).toEqual(fullRead(text));
  });

  it("declines every anchor, alias and tag wherever a node can start (alias expansion is the yaml package's, with its limits)", () => {
    const forms = [
      "a: &x 1\nb: *x\n", "a: *x\n", "- &x a\n- *x\n", "- - *x\n", "a:\n  *x\n", "a:\t*x\n", "a: [*x]\n", "a: [ *x, b]\n", "a: [b,*x]\n",
      "a: {b: *x}\n", "a: {\"b\":*x}\n", "a: {'b':*x}\n", "a: [b,\n  *x]\n", "? *x\n: b\n", "? a\n: *x\n", "*x : a\n", "&x a: b\n",
      "a: !!str 1\n", "- !t a\n", "a: [!t b]\n", "a: {b: !t c}\n", "a:\n  !t b\n", "? a\n", "- ? a\n  : b\n", "a: {? b : c}\n", "a: [? b : c]\n",
    ];
    for (const text of forms) expect(readDocumentsFast(text), JSON.stringify(text)).toBeUndefined();
  });

  it("reads `&`, `*`, `!` and `?` inside scalars: CEL rules, JSON paths, shell commands", () => {
    const texts = [
      "rule: self.a > 0 && self.b < 2\n", "jsonPath: .status.addresses[*].value\n", "rule: 'self.type == ''A'' ? self.x : self.y'\n",
      "command: [sh, -c, \"a && b\"]\n", "note: is it? yes!\n", "pattern: ^(\\*\\.)?[a-z]+$\n",
    ];
    for (const text of texts) {
      const fast = readDocumentsFast(text);
      expect(fast, JSON.stringify(text)).toBeDefined();
      expect(fast, JSON.stringify(text)).toEqual(fullRead(text));
    }
  });

  it("reads quoted scalars folded over lines whose lines start with `!`, `?`, `:`, `*` or `&` (CEL rules in CRDs)", () => {
    const texts = [
      "rule: 'self.all(l, l.protocol in [''HTTP'', ''TCP''] ?\n  !has(l.tls) : true)'\n",
      "- rule: '(size(self.group) == 0)\n    ? has(self.port) : true'\n  message: m\n",
      "a:\n  rule: 'self.x\n    != ''A'' && self.y\n\n    *x &y'\n  b: 1\n",
      "- 'a\n  ? b'\n- \"c\n  : d\\n\"  # c\n",
      "x-kubernetes-validations:\n- message: m\n  rule: \"a ?\n    !b : c\"\n",
    ];
    for (const text of texts) {
      const fast = readDocumentsFast(text);
      expect(fast, JSON.stringify(text)).toBeDefined();
      expect(fast, JSON.stringify(text)).toEqual(fullRead(text));
    }
  });

  it("declines a folded quoted scalar whose lines js-yaml reads but the yaml package does not, or that hides a node", () => {
    const texts = [
      // a line no more indented than its key, or indented with a tab
      "k: 'a\n!b'\n", "- k: 'a\n  !b'\n", "a:\n  k: 'a\n  !b'\n", "k: 'a\n\t !b'\n", "k: 'a\n\t\n !b'\n",
      // text after the closing quote; an escaped line break
      "k: 'a\n !b'#c\n", "k: 'a\n !b', c\n", "k: \"a\\\n\n !b\"\n",
      // what follows a closed scalar is scanned
      "k: 'a\n  ?b'\nc: *x\n", "- 'a\n  !b'\n- *x\n", "k: 'a\n  !b'\nc:\n  !t d\n",
    ];
    for (const text of texts) expect(readDocumentsFast(text), JSON.stringify(text)).toBeUndefined();
  });

  it("declines plain scalars that YAML 1.1 reads differently, so yaml-ambiguity can position them", () => {
    for (const text of ["a: on\n", "on: 1\n", "a: [no, x]\n", "a: 0755\n", "a: 1:30\n", "a: 1_000\n", "- y\n", "a: {b: Off}\n"]) {
      expect(readDocumentsFast(text), JSON.stringify(text)).toBeUndefined();
    }
    for (const text of ["a: 'on'\n", "a: \"no\"\n", "a: |\n  on\n", "a: one\n", "a: 0\n", "a: 0.5\n", "a: 8080\n"]) {
      expect(readDocumentsFast(text), JSON.stringify(text)).toBeDefined();
    }
  });

  it("reads the seed manifests as the yaml package does", () => {
    const dir = join(import.meta.dirname, "..", "fixtures", "seed");
    const files = readdirSync(dir).filter((f) => f.endsWith(".yaml"));
    let read = 0;
    for (const file of files) {
      const text = readFileSync(join(dir, file), "utf8");
      const fast = readDocumentsFast(text);
      if (fast === undefined) continue;
      read++;
      expect(fast.filter((d) => d !== null), file).toEqual(fullRead(text));
    }
    expect(read).toBeGreaterThan(files.length / 2);
  });
});

describe("parseManifests fast path", () => {
  const text = "# header\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports:\n  - port: 80\n";

  it("gives the same objects and positions as the full parse", () => {
    expect(readDocumentsFast(text)).toBeDefined();
    const fast = parseManifests(text, "m.yaml");
    const full = parseManifestsFully(text, "m.yaml");
    expect(fast.problems).toEqual([]);
    expect(fast.resources.map((r) => r.object)).toEqual(full.resources.map((r) => r.object));
    expect(fast.resources[0].locate(["spec", "replicas"])).toMatchObject({ line: 7, column: 13 });
    expect(fast.resources[1].locate(["spec", "ports", 0, "port"])).toMatchObject({ line: 14, column: 11 });
    expect(fast.resources[1].locate(["spec", "missing"])).toEqual(full.resources[1].locate(["spec", "missing"]));
  });

  it("leaves documents that are not manifests to the full parse, which reports them", () => {
    const parsed = parseManifests(`${text}---\nkind: ConfigMap\nmetadata: {name: c}\n`, "m.yaml");
    expect(parsed.resources).toHaveLength(2);
    expect(parsed.problems.map((p) => `${p.code} ${p.span.line}:${p.span.column}`)).toEqual(["yaml-syntax 16:1"]);
  });
});

describe("parseYamlFile fast path", () => {
  const text = "# values\nreplicas: 2\nimage: nginx:1.25\nenv:\n  - name: A\n    value: \"1\"\nempty:\n";

  it("gives the same value, the same positions and the same answers to has() as the full parse", () => {
    expect(readDocumentsFast(text)).toBeDefined();
    const fast = parseYamlFile(text, "v.yaml").yaml!;
    const full = parseYamlFileFully(text, "v.yaml").yaml!;
    expect(fast.value).toEqual(full.value);
    for (const path of [["replicas"], ["env", 0, "value"], ["env", 1], ["empty"], ["missing", "deeper"]]) {
      expect(fast.locate(path), String(path)).toEqual(full.locate(path));
      expect(fast.locateKey(path), String(path)).toEqual(full.locateKey(path));
      expect(fast.has(path), String(path)).toBe(full.has(path));
    }
    expect(fast.locate(["env", 0, "value"])).toMatchObject({ line: 6, column: 12 });
  });

  it("reads empty and comment-only files as null, and leaves several documents to the full parse", () => {
    expect(parseYamlFile("", "e.yaml").yaml?.value).toBeNull();
    expect(parseYamlFile("# nothing\n", "e.yaml").yaml?.value).toBeNull();
    expect(parseYamlFile("a: 1\n---\nb: 2\n", "m.yaml").diagnostics[0]).toMatchObject({ code: "yaml-syntax", file: "m.yaml", line: 2 });
  });
});
