/**
 * Generates the schemas kforge ships (schemas/kubernetes/) from the official API definitions:
 * - kubernetes.json.gz: every minor release's Kubernetes API, from the OpenAPI definitions
 *   in ../shared/kubernetes-schemas/vX.Y.0/_definitions.json, each distinct definition once;
 * - gitops-crds.json.gz: the Argo CD and Flux kinds, from their CRDs in ../shared/crds/.
 * Structure only (types, required, enums, formats, list types and keys, group/version/kind); no
 * description text. The reference files are never copied and never read at run time.
 *
 *   npm run schemas:generate             write the files
 *   npm run schemas:generate -- --check  fail if the committed files are not what the generator makes
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { parse } from "yaml";
import { withoutUnservedKinds } from "./schema-gen/served-by-default.js";
import { shareRepeatedSchemas } from "./schema-gen/share-repeated-schemas.js";
import { DefinitionStore } from "../src/validate/definition-store.js";
import { strictDefinitions } from "../src/validate/openapi-definitions.js";
import { GITOPS_CRDS_FILE, KUBERNETES_FILE, schemaFolderPath, type KindMap, type KubernetesBundle, type SchemaBundle } from "../src/validate/schema-bundle.js";
import { SUPPORTED_MINORS } from "../src/validate/schema-sets.js";
import { structuralToStrict } from "../src/validate/structural-to-strict.js";
import type { JsonSchema } from "../src/validate/value-schemas.js";

const SHARED = fileURLToPath(new URL("../../shared/", import.meta.url));
const check = process.argv.includes("--check");
const folder = fileURLToPath(schemaFolderPath());
const started = Date.now();
const stale: string[] = [];

if (!existsSync(`${SHARED}kubernetes-schemas`) || !existsSync(`${SHARED}crds`)) {
  console.log(`schemas:generate needs the reference definitions next to the repository (../shared/kubernetes-schemas and ../shared/crds); they are not here, nothing was ${check ? "checked" : "generated"}`);
  process.exit(check ? 0 : 1);
}

const store = new DefinitionStore();
let newest: Record<string, JsonSchema> = {};
for (let minor = SUPPORTED_MINORS.min; minor <= SUPPORTED_MINORS.max; minor++) {
  const file = `${SHARED}kubernetes-schemas/v1.${minor}.0/_definitions.json`;
  if (!existsSync(file)) throw new Error(`no API definitions for Kubernetes 1.${minor} (${file}): every supported minor needs its own`);
  const strict = strictDefinitions((JSON.parse(readFileSync(file, "utf8")) as { definitions: Record<string, JsonSchema> }).definitions);
  const removed = withoutUnservedKinds(strict.kinds, minor);
  if (removed.length > 0) console.log(`  1.${minor}: ${removed.length} kinds defined but no longer served by default (data/deprecated-apis.yaml) left out: ${removed.join(", ")}`);
  const before = Object.keys(store.definitions).length;
  store.add(`1.${minor}`, strict);
  const kinds = Object.values(strict.kinds).reduce((n, byKind) => n + Object.keys(byKind).length, 0);
  console.log(`Kubernetes 1.${minor}: ${kinds} kinds, ${Object.keys(strict.definitions).length} definitions, ${Object.keys(store.definitions).length - before} new`);
  newest = strict.definitions;
}
const kubernetes: KubernetesBundle = {
  name: `Kubernetes API 1.${SUPPORTED_MINORS.min} to 1.${SUPPORTED_MINORS.max}`,
  sources: [`Kubernetes OpenAPI definitions v1.${SUPPORTED_MINORS.min}.0 to v1.${SUPPORTED_MINORS.max}.0 (kubernetes/kubernetes api/openapi-spec, as published by cdk8s-team/cdk8s kubernetes-schemas, Apache-2.0)`],
  releases: Object.fromEntries(Object.entries(store.releases).map(([release, kinds]) => [release, { kinds, objectMeta: store.objectMeta[release] }])),
  definitions: store.definitions,
};
emit(KUBERNETES_FILE, gzipped(sortKeys(kubernetes)));
console.log(`  ${Object.keys(store.definitions).length} distinct definitions for ${Object.keys(store.releases).length} releases`);

emit(GITOPS_CRDS_FILE, gzipped(sortKeys(gitopsBundle(newest))));
console.log(`${check ? "checked" : "generated"} in ${Date.now() - started} ms`);
if (stale.length > 0) {
  console.error(`out of date (run npm run schemas:generate): ${stale.join(", ")}`);
  process.exit(1);
}

interface Crd {
  metadata: { annotations?: Record<string, string> };
  spec: { group: string; names: { kind: string }; versions: { name: string; served?: boolean; schema?: { openAPIV3Schema: JsonSchema } }[] };
}

/** The GitOps engines' kinds as their CRDs define them; metadata is the newest ObjectMeta. */
function gitopsBundle(kubernetesDefinitions: Record<string, JsonSchema>): SchemaBundle {
  const kinds: KindMap = {};
  const definitions: Record<string, JsonSchema> = {};
  const sources: string[] = [];
  for (const file of readdirSync(`${SHARED}crds`).filter((name) => name.endsWith(".yaml")).sort()) {
    const crd = parse(readFileSync(`${SHARED}crds/${file}`, "utf8")) as Crd;
    const { group, names } = crd.spec;
    const versions = crd.spec.versions.filter((version) => version.served !== false && version.schema);
    for (const version of versions) {
      const key = `${group}.${version.name}.${names.kind}`;
      const strict = structuralToStrict(version.schema!.openAPIV3Schema);
      const properties = (strict.properties ?? {}) as Record<string, JsonSchema>;
      properties.metadata = { $ref: "#/definitions/meta.v1.ObjectMeta" };
      properties.apiVersion = { type: "string", enum: [`${group}/${version.name}`] };
      properties.kind = { type: "string", enum: [names.kind] };
      definitions[key] = { ...strict, properties };
      (kinds[`${group}/${version.name}`] ??= {})[names.kind] = key;
    }
    const release = crd.metadata.annotations?.["controller-gen.kubebuilder.io/version"];
    sources.push(`${names.kind} (${group}; ${versions.map((v) => v.name).join(", ")})${release ? `, controller-gen ${release}` : ""}`);
  }
  const shared = shareRepeatedSchemas(definitions);
  console.log(`Argo CD and Flux: ${Object.values(kinds).reduce((n, byKind) => n + Object.keys(byKind).length, 0)} kinds, ${shared} repeated objects shared`);
  for (const name of closure("meta.v1.ObjectMeta", kubernetesDefinitions)) definitions[name] = kubernetesDefinitions[name];
  return { name: "Argo CD and Flux CRDs", sources, kinds, definitions };
}

/** `name` and every definition it references. */
function closure(name: string, definitions: Record<string, JsonSchema>): Set<string> {
  const seen = new Set<string>();
  const visit = (current: string): void => {
    if (seen.has(current)) return;
    seen.add(current);
    for (const match of JSON.stringify(definitions[current]).matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g)) visit(match[1]);
  };
  visit(name);
  return seen;
}

function gzipped(value: unknown): Buffer {
  return gzipSync(JSON.stringify(value), { level: 9 });
}

function emit(file: string, content: Buffer): void {
  const path = `${folder}${file}`;
  if (check) {
    if (!existsSync(path) || !readFileSync(path).equals(content)) stale.push(file);
    return;
  }
  mkdirSync(folder, { recursive: true });
  writeFileSync(path, content);
  console.log(`  ${file}: ${(content.length / 1024).toFixed(1)} KiB`);
}

function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])])) as T;
}
