/**
 * Cross-checks the shipped schemas against the official Kubernetes OpenAPI definitions and the
 * real Argo CD / Flux CRDs in ../shared (a workspace-only oracle, never shipped or read at run
 * time). Skips with a message when ../shared is absent.
 *
 *   npm run crosscheck [-- --details]
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { compareSchemas, type Mismatch, type SchemaSide } from "./schema-gen/compare-schemas.js";
import { withoutUnservedKinds } from "./schema-gen/served-by-default.js";
import { loadGitopsBundle, loadKubernetesBundle, type KindMap } from "../src/validate/schema-bundle.js";
import { NOT_APPLIED } from "../src/validate/openapi-definitions.js";
import { resolveTarget } from "../src/validate/schema-sets.js";
import { isIntOrString, isQuantity, type JsonSchema } from "../src/validate/value-schemas.js";

const SHARED = fileURLToPath(new URL("../../shared/", import.meta.url));
const details = process.argv.includes("--details");
let differences = 0;

if (!existsSync(`${SHARED}kubernetes-schemas`)) {
  console.log(`crosscheck skipped: ${SHARED} (the reference definitions) is not here`);
  process.exit(0);
}

const ourSide = (bundle: { definitions: Record<string, JsonSchema> }): SchemaSide => ({
  resolve: (schema) => {
    const ref = schema.$ref as string | undefined;
    if (!ref) return { schema };
    const name = ref.slice("#/definitions/".length);
    return { schema: bundle.definitions[name], name };
  },
  valueType: (schema) => (isIntOrString(schema) ? "int-or-string" : isQuantity(schema) ? "quantity" : schema.format === "date-time" ? "time" : undefined),
});

for (const release of readdirSync(`${SHARED}kubernetes-schemas`).filter((name) => name.startsWith("v")).sort(byVersion)) {
  const target = resolveTarget(release);
  if (!target) {
    console.log(`${release}: outside the supported range, not checked`);
    continue;
  }
  const bundle = loadKubernetesBundle();
  const ours = { name: target.name, definitions: bundle.definitions, kinds: bundle.releases[target.version]?.kinds ?? {} };
  const definitions = (JSON.parse(readFileSync(`${SHARED}kubernetes-schemas/${release}/_definitions.json`, "utf8")) as { definitions: Record<string, JsonSchema> }).definitions;
  const reference: SchemaSide = {
    resolve: (schema) => {
      const ref = schema.$ref as string | undefined;
      if (!ref) return { schema };
      const name = ref.slice("#/definitions/".length);
      return { schema: definitions[name] ?? {}, name };
    },
    valueType: (schema, name) =>
      name?.endsWith("intstr.IntOrString") || schema.format === "int-or-string" ? "int-or-string"
      : name?.endsWith("resource.Quantity") ? "quantity"
      : name?.endsWith("meta.v1.Time") || name?.endsWith("meta.v1.MicroTime") || schema.format === "date-time" ? "time"
      : undefined,
  };
  const mismatches: Mismatch[] = [];
  const missingKinds: string[] = [];
  // Kinds defined but not served by default at this release are left out on purpose.
  const unserved: KindMap = {};
  for (const definition of Object.values(definitions)) {
    for (const gvk of (definition["x-kubernetes-group-version-kind"] ?? []) as { group: string; version: string; kind: string }[]) ((unserved[gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version] ??= {})[gvk.kind] = "");
  }
  const leftOut = new Set(withoutUnservedKinds(unserved, Number(target.version.split(".")[1])));
  const referenceKinds = new Set<string>();
  let checkedKinds = 0;
  for (const [name, definition] of Object.entries(definitions)) {
    for (const gvk of (definition["x-kubernetes-group-version-kind"] ?? []) as { group: string; version: string; kind: string }[]) {
      const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
      if (leftOut.has(`${apiVersion} ${gvk.kind}`)) continue;
      referenceKinds.add(`${apiVersion} ${gvk.kind}`);
      const ourName = ours.kinds[apiVersion]?.[gvk.kind];
      if (!ourName) {
        if (!NOT_APPLIED.has(gvk.kind)) missingKinds.push(`${apiVersion} ${gvk.kind}`);
        continue;
      }
      checkedKinds++;
      mismatches.push(...compareSchemas(reference, ourSide(ours), { reference: { $ref: `#/definitions/${name}` }, ours: { $ref: `#/definitions/${ourName}` }, where: name }));
    }
  }
  const extraKinds = Object.entries(ours.kinds).flatMap(([apiVersion, kinds]) => Object.keys(kinds).filter((kind) => !referenceKinds.has(`${apiVersion} ${kind}`)).map((kind) => `${apiVersion} ${kind}`));
  summarize(`${release} vs ${ours.name}: ${checkedKinds} kinds`, dedupe(mismatches), missingKinds, extraKinds);
}

crosscheckCrds();
console.log(differences === 0 ? "crosscheck: no differences" : `crosscheck: ${differences} differences (run with -- --details)`);
process.exit(differences === 0 ? 0 : 1);

function crosscheckCrds(): void {
  const ours = loadGitopsBundle();
  const mismatches: Mismatch[] = [];
  const missingKinds: string[] = [];
  const inline: SchemaSide = {
    resolve: (schema) => ({ schema }),
    valueType: (schema) => (schema["x-kubernetes-int-or-string"] ? "int-or-string" : schema.format === "date-time" ? "time" : undefined),
  };
  for (const file of readdirSync(`${SHARED}crds`).filter((name) => name.endsWith(".yaml"))) {
    const crd = parse(readFileSync(`${SHARED}crds/${file}`, "utf8")) as { spec: { group: string; names: { kind: string }; versions: { name: string; schema?: { openAPIV3Schema: JsonSchema } }[] } };
    for (const version of crd.spec.versions) {
      const apiVersion = `${crd.spec.group}/${version.name}`;
      const ourName = ours.kinds[apiVersion]?.[crd.spec.names.kind];
      if (!ourName || !version.schema) {
        missingKinds.push(`${apiVersion} ${crd.spec.names.kind}`);
        continue;
      }
      const where = `${apiVersion}/${crd.spec.names.kind}`;
      const reference = { ...version.schema.openAPIV3Schema, properties: { ...(version.schema.openAPIV3Schema.properties as object), metadata: {} } };
      mismatches.push(...compareSchemas(inline, ourSide(ours), { reference, ours: { $ref: `#/definitions/${ourName}` }, where }));
    }
  }
  summarize(`CRDs in ../shared/crds vs ${ours.name}`, dedupe(mismatches), missingKinds);
}

function summarize(title: string, mismatches: Mismatch[], missingKinds: string[], extraKinds: string[] = []): void {
  const counts = new Map<string, number>();
  for (const m of mismatches) counts.set(m.kind, (counts.get(m.kind) ?? 0) + 1);
  const parts = [...counts].sort().map(([kind, n]) => `${kind} ${n}`);
  console.log(`${title}: ${mismatches.length} mismatches${parts.length ? ` (${parts.join(", ")})` : ""}, ${missingKinds.length} kinds missing, ${extraKinds.length} kinds not in the reference`);
  differences += mismatches.length + missingKinds.length + extraKinds.length;
  if (!details) return;
  for (const kind of missingKinds) console.log(`  missing kind: ${kind}`);
  for (const kind of extraKinds) console.log(`  kind not in the reference: ${kind}`);
  for (const m of mismatches) console.log(`  ${m.kind}: ${m.where}: ${m.detail}`);
}

function dedupe(mismatches: Mismatch[]): Mismatch[] {
  const unique = new Map(mismatches.map((m) => [`${m.kind}|${m.where}|${m.detail}`, m]));
  return [...unique.values()].sort((a, b) => a.where.localeCompare(b.where));
}

function byVersion(a: string, b: string): number {
  return Number(a.split(".")[1]) - Number(b.split(".")[1]);
}
