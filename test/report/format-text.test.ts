import { describe, expect, it } from "vitest";
import { caret, formatText } from "../../src/report/format-text.js";
import { CLUSTER_SCOPED, NASTY, PLAIN, RENDERED, options, sampleReport } from "./sample-report.js";

const ESC = "\u001b[";

describe("text format", () => {
  it("prints each finding with a code frame, fix and values origin, grouped by file", () => {
    const output = formatText(sampleReport(), options());
    expect(output).toBe(
      [
        "clusters/dev/rendered/rbac/clusterrolebinding.yaml:6:3  error  Binds cluster-admin  cluster-admin-binding",
        "    4 |   name: ops-admin",
        "    5 | roleRef:",
        "  > 6 |   apiGroup: rbac.authorization.k8s.io",
        "      |   ^" + "~".repeat(34),
        "  fix: Bind a narrower ClusterRole.",
        "  from: blueprints/platform/templates/rbac.yaml:6:3",
        "",
        "clusters/dev/rendered/web/deployment.yaml:11:18  warning  Image \"nginx\" has no tag  image-tag",
        "     9 |       containers:",
        "    10 |         - name: api",
        "  > 11 |           image: nginx",
        "       |                  ^~~~~",
        "  fix: Pin the image to a version tag or digest.",
        "  from: clusters/dev/values/web.yaml:3:10",
        "    3 |   image: nginx",
        "",
        "manifests/a,b:c.yaml:2:1  info  100% of a,b: c  resources",
        "  second | line with `code`",
        "",
        "manifests/pod.yaml:9:15  error  hostPath volume mounts /var/run from the node  hostpath-volume",
        "    7 |     - name: host",
        "    8 |       hostPath:",
        "  > 9 |         path: /var/run",
        "      |               ^~~~~~~~",
        "  fix: Use a PersistentVolumeClaim or emptyDir.",
        "",
        "✖ 2 errors, 1 warning, 1 info in 4 files (42 resources; clusters: dev (Kubernetes 1.18, schemas kubernetes-types 1.18))",
        "",
      ].join("\n"),
    );
  });

  it("marks the summary by the worst finding: notes alone are no warning", () => {
    const last = (findings: Parameters<typeof sampleReport>[0]) => formatText(sampleReport(findings), options()).trimEnd().split("\n").at(-1);
    expect(last([NASTY])).toMatch(/^ℹ 0 errors, 0 warnings, 1 info in 1 file /);
    expect(last([NASTY, RENDERED])).toMatch(/^⚠ 0 errors, 1 warning, 1 info in 2 files /);
  });

  it("puts the caret under the column range, one caret for an empty range, past the end for multi-line", () => {
    expect(caret("  image: nginx", { line: 1, column: 10, endLine: 1, endColumn: 15 })).toBe("         ^~~~~");
    expect(caret("key: v", { line: 1, column: 1, endLine: 1, endColumn: 1 })).toBe("^");
    expect(caret("ab", { line: 1, column: 2, endLine: 3, endColumn: 1 })).toBe(" ^");
    expect(caret("\tx: y", { line: 1, column: 5, endLine: 1, endColumn: 6 })).toBe("\t   ^");
  });

  it("shows a window of a long line around the flagged column, the caret still under it", () => {
    const line = `data: {${Array.from({ length: 400 }, (_, i) => `k${i}: v${i}`).join(", ")}}`;
    const column = line.indexOf("k300") + 1;
    const finding = { ...sampleReport([PLAIN]).findings[0], file: "long.yaml", line: 2, column, endLine: 2, endColumn: column + 4 };
    const output = formatText({ ...sampleReport([PLAIN]), findings: [finding] }, { color: false, readSource: () => `kind: ConfigMap\n${line}\n` });
    const frame = output.split("\n").filter((l) => l.includes(" | "));
    for (const l of frame) expect(l.length).toBeLessThan(200);
    const shown = frame.find((l) => l.startsWith("  > "))!;
    const caretLine = frame.find((l) => /\| +\^/.test(l))!;
    expect(shown).toContain("…");
    expect(shown.slice(caretLine.indexOf("^"), caretLine.indexOf("^") + 4)).toBe("k300");
    expect(caretLine.trim()).toMatch(/^\| +\^~~~$/);
  });

  it("skips frames when the source is unavailable", () => {
    const output = formatText(sampleReport([PLAIN]), { color: false, readSource: () => undefined });
    expect(output).toBe(
      "manifests/pod.yaml:9:15  error  hostPath volume mounts /var/run from the node  hostpath-volume\n" +
        "  fix: Use a PersistentVolumeClaim or emptyDir.\n\n" +
        "✖ 1 error, 0 warnings in 1 file (42 resources; clusters: dev (Kubernetes 1.18, schemas kubernetes-types 1.18))\n",
    );
  });

  it("reports no problems with the targets linted", () => {
    const report = sampleReport([]);
    report.targets = [{ name: "files", kubernetesVersion: "1.30", schemaSet: "kubernetes-types 1.30", resources: 1 }];
    report.summary.resources = 1;
    expect(formatText(report, options())).toBe("✔ no problems (1 resource; Kubernetes 1.30, schemas kubernetes-types 1.30)\n");
    report.summary.exempted = 2;
    expect(formatText(report, options())).toBe("✔ no problems, 2 exempted by policy (1 resource; Kubernetes 1.30, schemas kubernetes-types 1.30)\n");
  });

  it("marks a run that passes despite warnings differently from a failed one", () => {
    expect(formatText(sampleReport([RENDERED]), options())).toMatch(/\n⚠ 0 errors, 1 warning in 1 file/);
  });

  it("colours only when asked", () => {
    const plain = formatText(sampleReport(), options(false));
    const coloured = formatText(sampleReport(), options(true));
    expect(plain).not.toContain("\u001b");
    expect(coloured).toContain(`${ESC}31merror${ESC}39m`);
    expect(coloured).toContain(`${ESC}33mwarning${ESC}39m`);
    expect(coloured.replace(/\u001b\[\d+m/g, "")).toBe(plain);
    expect(formatText(sampleReport([]), options(false))).not.toContain("\u001b");
    expect(formatText(sampleReport([NASTY, CLUSTER_SCOPED]), options(false))).not.toContain("\u001b");
  });
});
