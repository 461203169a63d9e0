/**
 * Generates the schemas kforge ships (schemas/kubernetes/) from npm packages only:
 * kubernetes-types (one devDependency alias per set in src/validate/schema-sets.ts) and
 * @kubernetes-models/argo-cd + flux-cd for the GitOps CRDs.
 *
 *   npm run schemas:generate           write the files
 *   npm run schemas:generate -- --check  fail if the committed files are not what the generator makes
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { loadDeclarationProgram, packageFolder } from "./schema-gen/declaration-program.js";
import { declarationsToSchemas, type GeneratedSchemas } from "./schema-gen/declarations-to-schemas.js";
import { addExtraKinds } from "./schema-gen/extra-kinds.js";
import { applySourcePatches } from "./schema-gen/source-patches.js";
import { shareRepeatedSchemas } from "./schema-gen/share-repeated-schemas.js";
import { customResourceNumber, kubernetesNumber } from "./schema-gen/number-formats.js";
import { KUBERNETES_SCHEMA_SETS, setName } from "../src/validate/schema-sets.js";
import { GITOPS_CRDS_FILE, KIND_INDEX_FILE, kubernetesBundleFile, schemaFolderPath, type KindIndex, type SchemaBundle } from "../src/validate/schema-bundle.js";

const CRD_PACKAGES = ["@kubernetes-models/argo-cd", "@kubernetes-models/flux-cd"];

const check = process.argv.includes("--check");
const folder = fileURLToPath(schemaFolderPath());
const started = Date.now();
const stale: string[] = [];
const kindIndex: KindIndex = {};

for (const set of KUBERNETES_SCHEMA_SETS) {
  const packageName = `kubernetes-types-${set.version}`;
  const installed = packageVersion(packageName);
  if (installed !== set.packageVersion) throw new Error(`${packageName} is ${installed}, expected ${set.packageVersion}: run npm install`);
  const generated = declarationsToSchemas(loadDeclarationProgram(packageName), { numberSchema: kubernetesNumber });
  addExtraKinds(generated, Number(set.version.split(".")[1]));
  const patched = applySourcePatches(generated.definitions);
  report(setName(set), generated);
  if (process.argv.includes("--verbose")) for (const place of patched) console.log(`  patched: ${place}`);
  for (const [apiVersion, kinds] of Object.entries(generated.kinds)) {
    for (const kind of Object.keys(kinds)) ((kindIndex[apiVersion] ??= {})[kind] ??= []).push(set.version);
  }
  emit(kubernetesBundleFile(set.version), gzipped(bundle(setName(set), [`kubernetes-types@${installed}`], generated)));
}

const crdParts = CRD_PACKAGES.map((name) => declarationsToSchemas(loadDeclarationProgram(name), { numberSchema: customResourceNumber, interfacePrefix: "I" }));
const crds: GeneratedSchemas = { kinds: {}, definitions: {}, loose: [] };
for (const part of crdParts) {
  for (const [apiVersion, kinds] of Object.entries(part.kinds)) Object.assign((crds.kinds[apiVersion] ??= {}), kinds);
  Object.assign(crds.definitions, part.definitions);
  crds.loose.push(...part.loose);
}
const sharedCount = shareRepeatedSchemas(crds.definitions);
if (process.argv.includes("--verbose")) console.log(`  ${sharedCount} repeated inline objects shared as definitions`);
report("Argo CD and Flux CRDs", crds);
emit(GITOPS_CRDS_FILE, gzipped(bundle("Argo CD and Flux CRDs", CRD_PACKAGES.map((name) => `${name}@${packageVersion(name)}`), crds)));
emit(KIND_INDEX_FILE, Buffer.from(JSON.stringify(sortKeys(kindIndex), null, 1) + "\n"));

console.log(`${check ? "checked" : "generated"} in ${Date.now() - started} ms`);
if (stale.length > 0) {
  console.error(`out of date (run npm run schemas:generate): ${stale.join(", ")}`);
  process.exit(1);
}

function bundle(name: string, sources: string[], generated: GeneratedSchemas): SchemaBundle {
  return { name, sources, kinds: sortKeys(generated.kinds), definitions: sortKeys(generated.definitions) };
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

function report(name: string, generated: GeneratedSchemas): void {
  const kinds = Object.values(generated.kinds).reduce((n, k) => n + Object.keys(k).length, 0);
  console.log(`${name}: ${kinds} kinds, ${Object.keys(generated.definitions).length} definitions, ${generated.loose.length} open types`);
  if (process.argv.includes("--verbose")) for (const place of generated.loose) console.log(`  open: ${place}`);
}

function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(`${packageFolder(name)}/package.json`, "utf8")) as { version: string }).version;
}

function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys((value as Record<string, unknown>)[key])])) as T;
}
