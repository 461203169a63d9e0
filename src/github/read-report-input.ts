import { resolve } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import { UsageError } from "../cli/cli-io.js";
import { cap } from "./markdown-text.js";
import { readInputFile } from "./read-input-file.js";
import { CHECK_JSON_SCHEMA, DIFF_JSON_SCHEMA } from "./report-json-schema.js";
import type { ClusterDiff, ReportFinding, ReportInput, ResourceChange } from "./report-input.js";

/** Limits on untrusted input: enough for any real report, small enough to keep a runner healthy. */
export const INPUT_LIMITS = { fileBytes: 32 * 1024 * 1024, findings: 1000, changes: 500, fields: 50, text: 2000, name: 500, patch: 20_000 } as const;

const ajv = new Ajv({ allErrors: false, strict: false, allowUnionTypes: true });
let validators: { check: ValidateFunction; diff: ValidateFunction } | undefined;
const compiled = () => (validators ??= { check: ajv.compile(CHECK_JSON_SCHEMA), diff: ajv.compile(DIFF_JSON_SCHEMA) });

/** Reads each `--input` file: the JSON of `kforge check --format json` or `kforge diff --format json`. */
export async function readReportFiles(files: string[], cwd: string): Promise<ReportInput[]> {
  return Promise.all(files.map((file) => readReportFile(file, cwd)));
}

async function readReportFile(file: string, cwd: string): Promise<ReportInput> {
  const text = await readInputFile(resolve(cwd, file), `--input ${file}`, INPUT_LIMITS.fileBytes);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--input ${file}: not valid JSON (${(error as Error).message})`);
  }
  return parseReportJson(data, `--input ${file}`);
}

/** Checks the shape of one report and copies out the known fields, capped. */
export function parseReportJson(data: unknown, label: string): ReportInput {
  const record = (data ?? {}) as Record<string, unknown>;
  const kind = Array.isArray(record.clusters) ? "diff" : Array.isArray(record.findings) ? "check" : undefined;
  if (!kind || typeof data !== "object" || Array.isArray(data)) {
    throw new UsageError(`${label}: expected the JSON of \`kforge check --format json\` ({findings, summary}) or \`kforge diff --format json\` ({base, clusters, ...})`);
  }
  const validate = compiled()[kind];
  if (!validate(data)) {
    const error = validate.errors![0];
    throw new UsageError(`${label}: ${error.instancePath || "(top level)"} ${error.message} (is it the output of \`kforge ${kind} --format json\`?)`);
  }
  return kind === "check" ? { check: checkPart(data as CheckJson) } : { diff: diffPart(data as DiffJson) };
}

interface FindingJson {
  ruleId: string;
  severity: ReportFinding["severity"];
  message: string;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  resource?: ResourceJson | null;
  remediation?: string | null;
  source?: { file: string; line: number; column?: number } | null;
  cluster?: string | null;
}
type ResourceJson = string | { apiVersion?: string; kind: string; name: string; namespace?: string | null };
interface CheckJson {
  findings: FindingJson[];
  summary: { errors: number; warnings: number; infos?: number; resources?: number; exempted?: number; failed?: boolean; targets?: { name: string; kubernetesVersion?: string; resources?: number }[] };
}
interface DiffJson {
  base?: string | { ref: string; commit?: string };
  clusters: { name: string; state?: string; added?: (ResourceJson | { resource: ResourceJson })[]; removed?: (ResourceJson | { resource: ResourceJson })[]; changed?: { resource: ResourceJson; fields?: string[]; patch?: string | null }[] }[];
  lint?: { introduced?: FindingJson[]; fixed?: FindingJson[]; unavailable?: string };
}

function checkPart(json: CheckJson) {
  const s = json.summary;
  return {
    findings: json.findings.slice(0, INPUT_LIMITS.findings).map(finding),
    totalFindings: json.findings.length,
    errors: s.errors,
    warnings: s.warnings,
    infos: s.infos ?? 0,
    resources: s.resources ?? 0,
    exempted: s.exempted ?? 0,
    failed: s.failed ?? s.errors > 0,
    targets: (s.targets ?? []).slice(0, INPUT_LIMITS.changes).map((t) => ({ name: cap(t.name, INPUT_LIMITS.name), kubernetesVersion: cap(t.kubernetesVersion ?? "", 50), resources: t.resources ?? 0 })),
  };
}

function diffPart(json: DiffJson) {
  const introduced = json.lint?.introduced ?? [];
  const fixed = json.lint?.fixed ?? [];
  const base = typeof json.base === "object" ? json.base.ref : (json.base ?? "");
  return {
    base: cap(base, INPUT_LIMITS.name),
    lintUnavailable: json.lint?.unavailable === undefined ? undefined : cap(json.lint.unavailable, INPUT_LIMITS.text),
    clusters: json.clusters.slice(0, INPUT_LIMITS.changes).map(clusterDiff),
    introduced: introduced.slice(0, INPUT_LIMITS.findings).map(finding),
    fixed: fixed.slice(0, INPUT_LIMITS.findings).map(finding),
    totalIntroduced: introduced.length,
    totalFixed: fixed.length,
  };
}

function clusterDiff(c: DiffJson["clusters"][number]): ClusterDiff {
  const added = c.added ?? [];
  const removed = c.removed ?? [];
  const changed = c.changed ?? [];
  const listed = (items: typeof added) => items.slice(0, INPUT_LIMITS.changes).map((item) => describe(typeof item === "object" && "resource" in item ? item.resource : item));
  return {
    name: cap(c.name, INPUT_LIMITS.name),
    state: cap(c.state ?? "compared", 50),
    added: listed(added),
    removed: listed(removed),
    changed: changed.slice(0, INPUT_LIMITS.changes).map(resourceChange),
    counts: { added: added.length, removed: removed.length, changed: changed.length },
  };
}

function resourceChange(c: NonNullable<DiffJson["clusters"][number]["changed"]>[number]): ResourceChange {
  const change: ResourceChange = { resource: describe(c.resource), fields: (c.fields ?? []).slice(0, INPUT_LIMITS.fields).map((f) => cap(f, INPUT_LIMITS.name)) };
  if (typeof c.patch === "string" && c.patch) change.patch = cap(c.patch, INPUT_LIMITS.patch);
  return change;
}

function describe(resource: ResourceJson): string {
  if (typeof resource === "string") return cap(resource, INPUT_LIMITS.name);
  const name = resource.namespace ? `${resource.namespace}/${resource.name}` : resource.name;
  return cap(`${resource.kind} ${name}`, INPUT_LIMITS.name);
}

function finding(f: FindingJson): ReportFinding {
  const out: ReportFinding = {
    ruleId: cap(f.ruleId, 100),
    severity: f.severity,
    message: cap(f.message, INPUT_LIMITS.text),
    file: cap(f.file, INPUT_LIMITS.name),
    line: f.line,
    column: f.column,
    endLine: f.endLine ?? f.line,
    endColumn: f.endColumn ?? f.column,
  };
  if (f.resource) out.resource = describe(f.resource);
  if (f.remediation) out.remediation = cap(f.remediation, INPUT_LIMITS.text);
  if (f.source) out.source = { file: cap(f.source.file, INPUT_LIMITS.name), line: f.source.line, column: f.source.column ?? 1 };
  if (f.cluster) out.cluster = cap(f.cluster, INPUT_LIMITS.name);
  return out;
}
