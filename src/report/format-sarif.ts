import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Finding, Severity } from "../lint/finding.js";
import type { RuleMeta } from "../lint/rule.js";
import { sortFindings } from "../lint/run-rules.js";
import { PACKAGE_ROOT } from "../package-root.js";
import type { Formatter } from "./lint-report.js";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT = "%SRCROOT%";
const FINGERPRINT_KEY = "kforgeFinding/v1";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

/**
 * SARIF 2.1.0 for code scanning. The primary location is the file the finding is in (for rendered
 * resources, the rendered manifest): that is where the problem truthfully is, and it keeps the
 * region consistent with every other format. The values line that produced the field, where an
 * author usually fixes it, is attached as related location 1.
 */
export const formatSarif: Formatter = (report) => {
  const ruleIndex = new Map(report.rules.map((rule, index) => [rule.id, index]));
  const fingerprints = new Fingerprints();
  const results = sortFindings([...report.findings]).map((f) => ({
    ruleId: f.ruleId,
    // Findings from outside the rule set (none today) simply carry no index.
    ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: physicalLocation(f.file, f) }],
    ...(f.source ? { relatedLocations: [sourceLocation(f.source)] } : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprints.next(f) },
    ...resultProperties(f),
  }));
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [{ tool: { driver: driver(report.rules) }, columnKind: "utf16CodeUnits", results }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
};

function driver(rules: RuleMeta[]) {
  const pkg = packageInfo();
  return {
    name: "kforge",
    ...(pkg.informationUri ? { informationUri: pkg.informationUri } : {}),
    version: pkg.version,
    rules: rules.map((rule) => ({
      id: rule.id,
      shortDescription: { text: rule.description },
      fullDescription: { text: rule.rationale },
      help: { text: rule.remediation },
      defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
    })),
  };
}

type Region = Pick<Finding, "line" | "column"> & Partial<Pick<Finding, "endLine" | "endColumn">>;

function physicalLocation(file: string, at: Region) {
  // SARIF lines and columns start at 1; a position of 0 means "the whole file": no region.
  if (at.line < 1) return { artifactLocation: artifactLocation(file) };
  const region: Record<string, number> = { startLine: at.line, startColumn: Math.max(1, at.column) };
  if (at.endLine !== undefined && at.endColumn !== undefined && at.endLine >= at.line) {
    region.endLine = at.endLine;
    region.endColumn = Math.max(1, at.endColumn);
  }
  return { artifactLocation: artifactLocation(file), region };
}

function sourceLocation(source: NonNullable<Finding["source"]>) {
  return { id: 1, message: { text: "value that produced this field" }, physicalLocation: physicalLocation(source.file, source) };
}

/** Repository-relative paths resolve against %SRCROOT%; absolute ones become file: URIs. */
function artifactLocation(file: string) {
  const path = file.replace(/\\/g, "/");
  if (isAbsolute(file) || /^[a-zA-Z]:\//.test(path)) return { uri: pathToFileURL(file).href };
  const relative = path.replace(/^(\.\/)+/, "");
  return { uri: relative.split("/").map(encodeURIComponent).join("/"), uriBaseId: SRCROOT };
}

function resultProperties(f: Finding) {
  const properties: Record<string, string> = {};
  if (f.cluster) properties.cluster = f.cluster;
  if (f.resource) {
    const { apiVersion, kind, namespace, name } = f.resource;
    properties.resource = [apiVersion, kind, namespace, name].filter((part) => part).join("/");
  }
  return Object.keys(properties).length ? { properties } : {};
}

/**
 * Stable across edits that move a finding up or down: rule, file, resource, message and cluster,
 * but not the line. Identical findings in one file are told apart by their order.
 */
class Fingerprints {
  private readonly seen = new Map<string, number>();

  next(f: Finding): string {
    const r = f.resource;
    const identity = [f.ruleId, f.file, f.cluster ?? "", r?.apiVersion, r?.kind, r?.namespace, r?.name, f.message];
    const hash = createHash("sha256").update(JSON.stringify(identity)).digest("hex").slice(0, 32);
    const occurrence = (this.seen.get(hash) ?? 0) + 1;
    this.seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  }
}

let cachedPackage: { version: string; informationUri?: string } | undefined;

/** Version and homepage from kforge's own package.json (read once). */
function packageInfo(): { version: string; informationUri?: string } {
  if (!cachedPackage) {
    const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as {
      version: string;
      homepage?: string;
      repository?: string | { url?: string };
    };
    const repository = typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url;
    const uri = pkg.homepage ?? repository?.replace(/^git\+/, "").replace(/\.git$/, "");
    // informationUri must be an absolute URI; package.json may have neither field.
    cachedPackage = { version: pkg.version, ...(uri && /^https?:\/\//.test(uri) ? { informationUri: uri } : {}) };
  }
  return cachedPackage;
}
