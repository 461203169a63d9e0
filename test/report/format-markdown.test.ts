import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/lint/finding.js";
import { code, escapeCell, formatMarkdown, MAX_ROWS } from "../../src/report/format-markdown.js";
import { CLUSTER_SCOPED, NASTY, PLAIN, RENDERED, options, sampleReport } from "./sample-report.js";

describe("markdown format", () => {
  it("summarises targets and lists findings per cluster, errors first", () => {
    const output = formatMarkdown(sampleReport([RENDERED, CLUSTER_SCOPED]), options());
    expect(output).toBe(
      [
        "## kforge lint",
        "",
        "❌ **1 error, 1 warning** in 2 files (42 resources checked).",
        "",
        "| Cluster | Kubernetes | Errors | Warnings | Resources |",
        "| --- | --- | ---: | ---: | ---: |",
        "| dev | 1.18 | 1 | 1 | 42 |",
        "",
        "### dev",
        "",
        "| Severity | Rule | Resource | Location | From | Message |",
        "| --- | --- | --- | --- | --- | --- |",
        "| ❌ error | `cluster-admin-binding` | ClusterRoleBinding ops-admin | `clusters/dev/rendered/rbac/clusterrolebinding.yaml:6` | `blueprints/platform/templates/rbac.yaml:6` | Binds cluster-admin |",
        "| ⚠️ warning | `image-tag` | Deployment web/api | `clusters/dev/rendered/web/deployment.yaml:11` | `clusters/dev/values/web.yaml:3` | Image \"nginx\" has no tag |",
        "",
      ].join("\n"),
    );
  });

  it("escapes pipes, newlines, backticks and markup in cells", () => {
    const output = formatMarkdown(sampleReport([NASTY, PLAIN]), options());
    expect(output).toContain(
      "| ℹ️ info | `resources` | ConfigMap cfg | `manifests/a,b:c.yaml:2` |  | 100% of a,b: c<br>second \\| line with \\`code\\` |",
    );
    expect(escapeCell("a|b\r\nc <b>*x*</b> [l](u) _u_ ~s~ \\")).toBe("a\\|b<br>c \\<b\\>\\*x\\*\\</b\\> \\[l\\](u) \\_u\\_ \\~s\\~ \\\\");
    expect(code("a`b|c\nd")).toBe("`` a`b\\|c d ``");
    // Every row has exactly the table's seven pipes once escaped ones are discounted.
    for (const line of output.split("\n").filter((l) => l.startsWith("| ❌") || l.startsWith("| ℹ️"))) {
      expect(line.replace(/\\\|/g, "").split("|").length - 1).toBe(7);
    }
  });

  it("keeps bare URLs, www. names and mentions from becoming links in a job summary", () => {
    const cell = escapeCell("see https://evil.example/x, www.evil.example or ask @alice about #12");
    expect(cell).not.toMatch(/https:|www\.|@[\w-]|#\d/);
    expect(cell.replace(/\u200b/g, "")).toBe("see https://evil.example/x, www.evil.example or ask @alice about #12");
  });

  it("marks a report with only notes as notes, not as a warning", () => {
    expect(formatMarkdown(sampleReport([NASTY]), options())).toContain("\nℹ️ **0 errors, 0 warnings, 1 info** in 1 file (42 resources checked).\n");
  });

  it("says clearly when there is nothing to report", () => {
    const output = formatMarkdown(sampleReport([]), options());
    expect(output).toContain("✅ No problems found (42 resources checked).");
    expect(output).toContain("| dev | 1.18 | 0 | 0 | 42 |");
    expect(output).not.toContain("###");
    const exempting = sampleReport([PLAIN]);
    exempting.summary.exempted = 3;
    expect(formatMarkdown(exempting, options())).toContain("❌ **1 error, 0 warnings** in 1 file (42 resources checked; 3 exempted by policy).");
  });

  it(`shows at most ${MAX_ROWS} findings across clusters, then counts the rest`, () => {
    const many = (cluster: string, n: number): Finding[] =>
      Array.from({ length: n }, (_, i) => ({ ...RENDERED, cluster, line: i + 1, endLine: i + 1 }));
    const report = sampleReport([...many("dev", 150), ...many("prod", 100)]);
    report.targets.push({ name: "prod", kubernetesVersion: "1.30", schemaSet: "kubernetes-types 1.30", resources: 7 });
    const output = formatMarkdown(report, options());
    expect(output.split("\n").filter((l) => l.startsWith("| ⚠️")).length).toBe(MAX_ROWS);
    expect(output).toContain("| prod | 1.30 | 0 | 100 | 7 |");
    expect(output).toMatch(/### prod\n\n\| Severity[^]*\n\n\.\.\. and 50 more\n$/);
    expect(output).not.toMatch(/### dev[^#]*more/);
  });
});
