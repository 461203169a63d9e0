import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { formatSarif } from "../../src/report/format-sarif.js";
import { CLUSTER_SCOPED, NASTY, PLAIN, RENDERED, RULES, options, sampleReport } from "./sample-report.js";

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => void;

/** The official SARIF 2.1.0 schema as shipped by Microsoft's SARIF SDK. */
function sarifValidator() {
  const path = createRequire(import.meta.url).resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
  const schema = JSON.parse(readFileSync(path, "utf8"));
  // The file declares draft-04, which Ajv 8 does not load; it uses no keyword whose meaning
  // changed since, so dropping the draft-04 `$schema`/`id` leaves its constraints intact.
  delete schema.$schema;
  delete schema.id;
  // Its `language` pattern has a stray `]` that is only legal without the regex `u` flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

const validate = sarifValidator();
const parse = (findings = [RENDERED, PLAIN, CLUSTER_SCOPED, NASTY]) => JSON.parse(formatSarif(sampleReport(findings), options()));

describe("sarif format", () => {
  it("is valid SARIF 2.1.0", () => {
    for (const findings of [[RENDERED, PLAIN, CLUSTER_SCOPED, NASTY], []]) {
      const sarif = parse(findings);
      expect(validate(sarif), JSON.stringify(validate.errors, null, 2)).toBe(true);
    }
  });

  it("the schema check catches invalid documents", () => {
    const sarif = parse();
    sarif.runs[0].results[0].level = "info";
    sarif.runs[0].results[1].locations[0].physicalLocation.region.startLine = 0;
    expect(validate(sarif)).toBe(false);
  });

  it("describes every rule that ran, with levels and texts", () => {
    const { driver } = parse().runs[0].tool;
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    expect(driver.name).toBe("kforge");
    expect(driver.version).toBe(pkg.version);
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(driver.rules[1]).toEqual({
      id: "hostpath-volume",
      shortDescription: { text: "Finds hostPath volumes" },
      fullDescription: { text: "Node escape." },
      help: { text: "Use a PersistentVolumeClaim or emptyDir." },
      defaultConfiguration: { level: "warning" },
    });
    expect(driver.rules[3].defaultConfiguration.level).toBe("note");
  });

  it("places results at the finding's region, with the values line as related location", () => {
    const [rbac, web, nasty, pod] = parse().runs[0].results;
    expect(web).toMatchObject({ ruleId: "image-tag", ruleIndex: 2, level: "warning", message: { text: 'Image "nginx" has no tag' } });
    expect(web.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: "clusters/dev/rendered/web/deployment.yaml", uriBaseId: "%SRCROOT%" },
          region: { startLine: 11, startColumn: 18, endLine: 11, endColumn: 23 },
        },
      },
    ]);
    expect(web.relatedLocations).toEqual([
      {
        id: 1,
        message: { text: "value that produced this field" },
        physicalLocation: {
          artifactLocation: { uri: "clusters/dev/values/web.yaml", uriBaseId: "%SRCROOT%" },
          region: { startLine: 3, startColumn: 10 },
        },
      },
    ]);
    expect(web.properties).toEqual({ cluster: "dev", resource: "apps/v1/Deployment/web/api" });
    expect(rbac.locations[0].physicalLocation.region).toEqual({ startLine: 6, startColumn: 3, endLine: 9, endColumn: 1 });
    expect(rbac.properties.resource).toBe("rbac.authorization.k8s.io/v1/ClusterRoleBinding/ops-admin");
    expect(pod).toMatchObject({ ruleIndex: 1, level: "error" });
    expect(pod.relatedLocations).toBeUndefined();
    expect(nasty).toMatchObject({ level: "note", message: { text: NASTY.message } });
    expect(nasty.locations[0].physicalLocation.artifactLocation.uri).toBe("manifests/a%2Cb%3Ac.yaml");
  });

  it("fingerprints ignore the line but tell identical findings apart", () => {
    const moved = { ...RENDERED, line: 40, endLine: 40 };
    const print = (findings = [RENDERED]) =>
      parse(findings).runs[0].results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints["kforgeFinding/v1"]);
    expect(print([moved])).toEqual(print([RENDERED]));
    expect(print([RENDERED])).not.toEqual(print([{ ...RENDERED, message: "other" }]));
    const [first, second] = print([RENDERED, moved]);
    expect(first).not.toBe(second);
    expect(first.replace(/:\d+$/, "")).toBe(second.replace(/:\d+$/, ""));
  });

  it("omits ruleIndex for a rule id outside the rule set", () => {
    const [result] = parse([{ ...PLAIN, ruleId: "yaml-syntax" }]).runs[0].results;
    expect(result.ruleId).toBe("yaml-syntax");
    expect(result.ruleIndex).toBeUndefined();
  });
});
