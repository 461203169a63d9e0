import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DiffResult } from "../../src/diff/diff-result.js";
import type { JsonFinding } from "../../src/report/format-json.js";

/** A finding as `kforge check --format json` prints it. */
export function jsonFinding(overrides: Partial<JsonFinding> = {}): JsonFinding {
  return {
    ruleId: "image-tag",
    severity: "warning",
    message: "image nginx:latest uses a moving tag",
    file: "clusters/prod/apps/web/deployment.yaml",
    line: 21,
    column: 18,
    endLine: 21,
    endColumn: 30,
    resource: { apiVersion: "apps/v1", kind: "Deployment", namespace: "web", name: "web" },
    remediation: "pin the image to a version or digest",
    source: { file: "clusters/prod/values/web.yaml", line: 3, column: 8 },
    cluster: "prod",
    ...overrides,
  };
}

/** The JSON of `kforge check --format json` with these findings. */
export function checkJson(findings: JsonFinding[]) {
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  return {
    findings,
    summary: {
      errors: count("error"),
      warnings: count("warning"),
      infos: count("info"),
      filesWithFindings: new Set(findings.map((f) => f.file)).size,
      resources: 33,
      failOn: "error",
      failed: count("error") > 0,
      exempted: 0,
      targets: [
        { name: "bjrdc-dev", kubernetesVersion: "1.18", schemaSet: "kubernetes-types 1.17 + 1.21", resources: 48 },
        { name: "prod", kubernetesVersion: "1.30", schemaSet: "kubernetes-types 1.30", resources: 33 },
      ],
    },
  };
}

/** The JSON of `kforge diff --format json`: typed as its DiffResult, so a change of shape fails to compile here. */
export function diffJson(patch = "@@ -1,3 +1,3 @@\n spec:\n-  replicas: 2\n+  replicas: 3\n"): DiffResult {
  return {
    base: { ref: "origin/main", commit: "0123456789abcdef0123456789abcdef01234567" },
    clusters: [
      {
        name: "prod",
        state: "compared",
        added: [{ apiVersion: "v1", kind: "ConfigMap", namespace: "web", name: "web-config", release: "web", file: "clusters/prod/apps/web/configmap-web-config.yaml" }],
        removed: [],
        changed: [
          {
            resource: { apiVersion: "apps/v1", kind: "Deployment", namespace: "web", name: "web", release: "web", file: "clusters/prod/apps/web/deployment-web.yaml" },
            fields: ["spec.replicas"],
            patch,
          },
        ],
      },
      { name: "bjrdc-dev", state: "compared", added: [], removed: [], changed: [] },
    ],
    fleet: { file: "clusters/applicationset.yaml", state: "compared", added: [], removed: [], changed: [] },
    lint: {
      introduced: [
        {
          ruleId: "image-tag",
          severity: "warning",
          message: "image nginx:latest uses a moving tag",
          file: "clusters/prod/apps/web/deployment.yaml",
          line: 21,
          column: 18,
          endLine: 21,
          endColumn: 30,
          resource: { apiVersion: "apps/v1", kind: "Deployment", namespace: "web", name: "web" },
          source: { file: "clusters/prod/values/web.yaml", line: 3, column: 8 },
          cluster: "prod",
        },
      ],
      fixed: [],
    },
    summary: { clusters: 2, added: 1, removed: 0, changed: 1, introduced: 1, fixed: 0, baseFailed: 0, hasChanges: true },
  };
}

/** Writes each value as JSON into a fresh temporary folder; returns the folder. */
export function writeJsonFiles(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "kforge-comment-"));
  for (const [name, value] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(value));
  return dir;
}
