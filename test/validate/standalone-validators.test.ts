import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { KFORGE_SCHEMAS_FILE, kforgeSchemasSource, loadPrecompiledKforgeSchemas, userAjv } from "../../src/repo/kforge-schemas.js";
import { BLUEPRINT_VALUES_FILE, libraryValuesSource, valuesSchemaKey } from "../../src/repo/library-values-schemas.js";
import { loadPrecompiled, RUNTIME_MODULES, sha256 } from "../../src/validate/precompiled-code.js";
import { createManifestAjv } from "../../src/validate/schema-ajv.js";
import { loadKubernetesBundle } from "../../src/validate/schema-bundle.js";
import { firstReleaseOf, kindKeysByFirstRelease, loadPrecompiledValidators, precompiledFileName, standaloneValidatorsSource } from "../../src/validate/standalone-validators.js";

const bundle = loadKubernetesBundle();
const kinds = bundle.releases["1.35"].kinds;
// The built validators `require` ajv's runtime helpers: write them where node_modules is reachable.
const folder = mkdtempSync(join(process.cwd(), ".precompiled-test-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const folderUrl = pathToFileURL(`${folder}/`);
const keyOf = (apiVersion: string, kind: string) => kinds[apiVersion][kind];
const deploymentFile = { firstIn: firstReleaseOf(keyOf("apps/v1", "Deployment")) };
const source = standaloneValidatorsSource(deploymentFile);

const deployment = (spec: unknown, metadata: unknown = { name: "web" }) => ({ apiVersion: "apps/v1", kind: "Deployment", metadata, spec });
const DOCUMENTS: [string, string, unknown][] = [
  ["apps/v1", "Deployment", deployment({ selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27", ports: [{ containerPort: 80 }] }] } } })],
  ["apps/v1", "Deployment", deployment({ replcas: 1, selector: {}, template: { spec: { containers: [{ image: "i", imagePullPolicy: "Sometimes", ports: [{ containerPort: "80" }] }] } } }, { name: "web", labels: { tier: 1 } })],
  ["v1", "Service", { apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { ports: [{ port: 70000, targetPort: "http", nodePort: 3.5 }] } }],
  ["v1", "ConfigMap", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", annotations: null }, data: { a: 1 } }],
  ["networking.k8s.io/v1", "Ingress", { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "i" }, spec: { rules: [{ host: "a", http: { paths: [{ path: "/", backend: { serviceName: "x" } }] } }] } }],
];

describe("precompiled validators", () => {
  const files = new Set(DOCUMENTS.map(([apiVersion, kind]) => firstReleaseOf(keyOf(apiVersion, kind))));
  for (const firstIn of files) writeFileSync(join(folder, precompiledFileName({ firstIn })), standaloneValidatorsSource({ firstIn }));
  const precompiled = (key: string) => loadPrecompiledValidators({ firstIn: firstReleaseOf(key) }, folderUrl)?.[key];

  it("hold each kind definition once, in the file of the release where its shape first appeared", () => {
    const byRelease = kindKeysByFirstRelease();
    const all = [...byRelease.values()].flat();
    expect(new Set(all).size).toBe(all.length);
    for (const [release, keys] of byRelease) for (const key of keys) expect(key.endsWith(`@${release}`)).toBe(true);
    expect(byRelease.get(deploymentFile.firstIn)).toContain(keyOf("apps/v1", "Deployment"));
    expect(precompiled(keyOf("apps/v1", "Deployment"))).toBeTypeOf("function");
  });

  it("accept and reject exactly what run-time compiled validators do, with the same errors", () => {
    const ajv = createManifestAjv();
    ajv.addSchema({ $id: "bundle", definitions: bundle.definitions });
    let rejected = 0;
    for (const [apiVersion, kind, document] of DOCUMENTS) {
      const name = kinds[apiVersion][kind];
      const compiled = ajv.compile({ $ref: `bundle#/definitions/${name}` });
      const built = precompiled(name)!;
      const expected = compiled(document);
      expect(built(document), `${kind}`).toBe(expected);
      expect(JSON.parse(JSON.stringify(built.errors ?? null))).toEqual(JSON.parse(JSON.stringify(compiled.errors ?? null)));
      if (!expected) rejected++;
    }
    expect(rejected).toBe(4);
  });

  it("are not used when built from another schema file, nor when absent", () => {
    const stale = source.replace(/exports\.sourceHash = "[0-9a-f]+"/, 'exports.sourceHash = "0000"');
    expect(stale).not.toBe(source);
    const other = { firstIn: "1.16" };
    writeFileSync(join(folder, precompiledFileName(other)), stale);
    expect(loadPrecompiledValidators(other, folderUrl)).toBeUndefined();
    expect(loadPrecompiledValidators({ firstIn: "1.99" }, folderUrl)).toBeUndefined();
  });
});

describe("precompiled kforge schemas", () => {
  writeFileSync(join(folder, KFORGE_SCHEMAS_FILE), kforgeSchemasSource());
  const precompiled = loadPrecompiledKforgeSchemas(folderUrl);

  it("check cluster files exactly as run-time compiled ones do, defaults included", () => {
    const compiled = userAjv().compile(JSON.parse(readFileSync(new URL("../../schemas/cluster.schema.json", import.meta.url), "utf8")));
    const good = { apiVersion: "kforge.dev/v1alpha1", kind: "Cluster", metadata: { name: "dev" }, spec: { kubernetesVersion: "1.30", gitops: { engine: "flux", repoURL: "https://git.example.com/x.git" }, releases: [{ name: "web", blueprint: "web-app", namespace: "apps" }] } };
    const bad = { apiVersion: "kforge.dev/v1alpha1", kind: "Cluster", metadata: { name: "Dev!" }, spec: { kubernetesVersion: 1.3, gitop: {}, releases: [{ blueprint: 5 }] } };
    for (const document of [good, bad]) {
      const [a, b] = [structuredClone(document), structuredClone(document)];
      expect(precompiled!.cluster(a)).toBe(compiled(b));
      expect(JSON.parse(JSON.stringify(precompiled!.cluster.errors ?? null))).toEqual(JSON.parse(JSON.stringify(compiled.errors ?? null)));
      expect(a).toEqual(b);
    }
    expect(compiled(structuredClone(good))).toBe(true);
    expect(compiled(structuredClone(bad))).toBe(false);
  });
});

describe("precompiled library values schemas", () => {
  writeFileSync(join(folder, BLUEPRINT_VALUES_FILE), libraryValuesSource());
  const schema = JSON.parse(readFileSync(new URL("../../blueprints/web-app/values.schema.json", import.meta.url), "utf8")) as object;
  const built = loadPrecompiled(BLUEPRINT_VALUES_FILE, sha256(libraryKeys().join("\0")), folderUrl)?.[valuesSchemaKey(schema)];

  it("validate values exactly as the run-time compiled schema does, defaults included", () => {
    const compiled = userAjv().compile(schema);
    expect(built).toBeTypeOf("function");
    for (const values of [{ image: "nginx:1.27" }, { image: 5, replicas: "two", unknown: true }, {}]) {
      const [a, b] = [structuredClone(values), structuredClone(values)];
      expect(built!(a)).toBe(compiled(b));
      expect(JSON.parse(JSON.stringify(built!.errors ?? null))).toEqual(JSON.parse(JSON.stringify(compiled.errors ?? null)));
      expect(a).toEqual(b);
    }
  });

  it("are found by content only: a changed schema is compiled as usual", () => {
    expect(valuesSchemaKey({ ...schema, description: "changed" })).not.toBe(valuesSchemaKey(schema));
  });
});

function libraryKeys(): string[] {
  const folder = new URL("../../blueprints/", import.meta.url);
  return readdirSync(folder, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()
    .map((name) => valuesSchemaKey(JSON.parse(readFileSync(new URL(`${name}/values.schema.json`, folder), "utf8"))));
}

describe("the modules precompiled validators require", () => {
  it("are all handed over by kforge itself (the bundled CLI has no ajv installed)", () => {
    const folderOfBuild = new URL("../../dist/validators/", import.meta.url);
    let files: string[] = [];
    try {
      files = readdirSync(folderOfBuild).filter((f) => f.endsWith(".cjs"));
    } catch {
      // Not built (running from the sources only): the sources below still cover every kind of file.
    }
    const sources = [...files.map((f) => readFileSync(new URL(f, folderOfBuild), "utf8")), libraryValuesSource(), source];
    const required = new Set(sources.flatMap((text) => [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])));
    expect(required.size).toBeGreaterThan(0);
    for (const id of required) expect(Object.keys(RUNTIME_MODULES), id).toContain(id);
    for (const value of Object.values(RUNTIME_MODULES)) expect(value).toBeTypeOf("object");
    expect((RUNTIME_MODULES["ajv/dist/runtime/equal"] as { default: unknown }).default).toBeTypeOf("function");
  });
});
