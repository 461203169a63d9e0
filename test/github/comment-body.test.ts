import { describe, expect, it } from "vitest";
import { commentBody, REPORT_MARKER } from "../../src/github/comment-body.js";
import { COMMENT_LIMIT, fitMarkdown } from "../../src/github/fit-markdown.js";
import { parseReportJson } from "../../src/github/read-report-input.js";
import { mergeInputs } from "../../src/github/report-input.js";
import { checkJson, diffJson, jsonFinding } from "./report-fixtures.js";

const RUN_URL = "https://github.com/acme/gitops/actions/runs/4242";
const input = (...json: unknown[]) => mergeInputs(json.map((j) => parseReportJson(j, "test")));

describe("comment body", () => {
  it("starts with the marker, sums up, and has a table per cluster with the diff summary", () => {
    const findings = [jsonFinding({ severity: "error", ruleId: "probes", message: "no readiness probe" }), jsonFinding()];
    const { body, truncated } = commentBody(input(checkJson(findings), diffJson()), RUN_URL);
    expect(truncated).toBe(false);
    const lines = body.split("\n");
    expect(lines[0]).toBe(REPORT_MARKER);
    expect(body).toContain("❌ **1 error, 1 warning** (2 clusters, 33 resources checked).");
    expect(body).toContain("Changes against `origin/main`: **1 added, 0 removed, 1 changed**; lint: 1 new, 0 findings fixed.");
    expect(body).toContain("### prod\n\nKubernetes 1.30 · 33 resources · **+1 added, −0 removed, ~1 changed**");
    expect(body).toContain("| ❌ error | `probes` | Deployment web/web | `clusters/prod/apps/web/deployment.yaml:21` | no readiness probe |");
    expect(body).toContain("### bjrdc\\-dev\n\nKubernetes 1.18 · 48 resources · no changes to rendered objects\n\n✅ No findings.");
    // Clusters in the check's order.
    expect(body.indexOf("### bjrdc")).toBeLessThan(body.indexOf("### prod"));
    // Errors come before warnings in the table.
    expect(body.indexOf("`probes`")).toBeLessThan(body.indexOf("`image-tag`"));
  });

  it("folds the patches and the full findings into details", () => {
    const { body } = commentBody(input(checkJson([jsonFinding()]), diffJson()), RUN_URL);
    const details = body.slice(body.indexOf("<details>"));
    expect(details).toMatch(/^<details><summary>prod: 2 changes, 1 finding<\/summary>\n\n\*\*Changes\*\*/);
    expect(details).toContain("- added `ConfigMap web/web-config`");
    expect(details).toContain("- changed `Deployment web/web`: `spec.replicas`");
    expect(details).toContain("```diff\n@@ -1,3 +1,3 @@\n spec:\n-  replicas: 2\n+  replicas: 3\n```");
    expect(details).toContain("(from `clusters/prod/values/web.yaml:3:8`)");
    expect(details).toContain("→ pin the image to a version or digest");
    expect(details.trimEnd().endsWith("</details>")).toBe(true);
  });

  it("shows the findings a diff introduces when there is no check result", () => {
    const { body } = commentBody(input(diffJson()));
    expect(body).toContain("| ⚠️ warning | `image-tag` |");
    expect(body).not.toContain("resources checked");
  });

  it("says when a cluster could not be compared or lint was not compared", () => {
    const diff = diffJson();
    diff.clusters[1] = { ...diff.clusters[1], state: "base-failed" };
    diff.lint = { introduced: [], fixed: [], unavailable: "lint cannot run at origin/main (policies/a.yaml: bad)" };
    const { body } = commentBody(input(diff));
    expect(body).toContain("### bjrdc\\-dev\n\n**not compared: the base does not render**\n\n✅ No new findings.");
    expect(body).toContain("Lint was not compared with the base: lint cannot run at origin/main \\(policies/a.yaml: bad\\).");
  });

  it("escapes untrusted text from an input file", () => {
    const hostile = jsonFinding({
      message: "a | b <script>alert(1)</script> @org/team cc @alice see #12 [x](javascript:alert(1)) **bold**\n| forged | row |",
      resource: { apiVersion: "v1", kind: "ConfigMap", namespace: "<img src=x>", name: "`code`" },
      remediation: "![img](https://evil.example/p.png)",
      cluster: "prod</summary><script>",
    });
    const patch = "+ ```\n+ </details>\n+ @everyone\n";
    const { body } = commentBody(input(checkJson([hostile]), diffJson(patch)));
    // No HTML tag opens unescaped: `<` is backslash-escaped in Markdown and an entity inside <summary>.
    expect(body).not.toMatch(/(^|[^\\])<(script|img|\/summary><)/m);
    expect(body).toContain("<summary>prod&lt;/summary&gt;&lt;script&gt;: 0 changes, 1 finding</summary>");
    // Mentions in code do not notify; everywhere else they are broken up.
    expect(body.replace(/^(`{3,})diff\n[\s\S]*?^\1$/gm, "")).not.toMatch(/@(org|alice|everyone)\b/);
    expect(body).toContain("@\u200borg/team");
    expect(body).toContain("#\u200b12");
    expect(body).not.toContain("](javascript");
    expect(body).not.toContain("![img]");
    const row = body.split("\n").find((line) => line.includes("`image-tag`"))!;
    // Every `|` of the text is escaped: the row keeps its six cell borders.
    expect(row.replace(/\\\|/g, "").split("|")).toHaveLength(7);
    expect(body).not.toContain("\n| forged");
    // The patch stays inside its code block: the fence is longer than any run of backticks in it.
    expect(body).toContain("````diff\n+ ```\n+ </details>\n+ @everyone\n````");
  });

  it("does not let bare URLs, www. names or e-mail addresses from the input become links", () => {
    const hostile = jsonFinding({
      message: "log in again at https://github.com.evil.example/login or HTTP://x.example, www.evil.example, ftp://f.example, mailto:a@b.example",
      resource: { apiVersion: "v1", kind: "ConfigMap", namespace: "web", name: "www.evil.example" },
      remediation: "see <https://evil.example/fix> and [docs](https://evil.example/docs)",
      cluster: "https://evil.example/c",
    });
    const { body } = commentBody(input(checkJson([hostile])));
    // Code spans and blocks are never linked; everywhere else no scheme or www. is left whole.
    const outsideCode = body.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, "").replace(/(`+)[\s\S]*?\1/g, "");
    expect(outsideCode).not.toMatch(/(https?|ftp|mailto|xmpp):|www\./i);
    expect(outsideCode).not.toMatch(/@[\w-]/);
    // Still readable: only zero-width spaces were added.
    expect(body.replace(/\u200b/g, "")).toContain("log in again at https://github.com.evil.example/login or HTTP://x.example, www.evil.example");
    expect(body).toContain("### https\u200b://evil.example/c");
  });

  it("caps a huge string from the input", () => {
    const { body, truncated } = commentBody(input(checkJson([jsonFinding({ message: "x".repeat(5_000_000) })])));
    expect(truncated).toBe(false);
    expect(body.length).toBeLessThan(10_000);
    expect(body).toContain("x…");
  });

  it("cuts a report over 65,536 characters, closing open blocks and pointing at the job summary", () => {
    const findings = Array.from({ length: 900 }, (_, i) => jsonFinding({ line: i + 1, message: `problem ${i} ${"y".repeat(100)}` }));
    const patch = Array.from({ length: 400 }, (_, i) => `+  key${i}: ${"z".repeat(40)}`).join("\n");
    const { body, full, truncated } = commentBody(input(checkJson(findings), diffJson(patch)), RUN_URL);
    expect(truncated).toBe(true);
    expect(full.length).toBeGreaterThan(COMMENT_LIMIT);
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body.startsWith(`${REPORT_MARKER}\n`)).toBe(true);
    expect(body.endsWith(`The full report is in the [job summary](${RUN_URL}) of this workflow run.\n`)).toBe(true);
    expect(body.split("<details>").length).toBe(body.split("</details>").length);
    expect((body.match(/^`{3,}/gm) ?? []).length % 2).toBe(0);
    // Tables come before details, so the cut takes details first.
    expect(body).toContain("… and 700 more");
  });

  it("names the job summary without a link when the run is unknown", () => {
    const findings = Array.from({ length: 600 }, (_, i) => jsonFinding({ line: i + 1, message: "w".repeat(1500) }));
    const { body } = commentBody(input(checkJson(findings)));
    expect(body.endsWith("The full report is in the job summary of this workflow run.\n")).toBe(true);
  });
});

describe("fitMarkdown", () => {
  it("closes a code fence and details cut in the middle", () => {
    const text = ["# t", "<details><summary>s</summary>", "", "```diff", ...Array.from({ length: 100 }, (_, i) => `+ line ${i}`), "```", "</details>", ""].join("\n");
    const { text: cut, truncated } = fitMarkdown(text, 300, "\nNOTICE\n");
    expect(truncated).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(300);
    expect(cut).toMatch(/\+ line \d+\n```\n\n<\/details>\n\nNOTICE\n$/);
  });

  it("leaves text within the limit alone", () => {
    expect(fitMarkdown("short\n", 100, "N")).toEqual({ text: "short\n", truncated: false });
  });
});
