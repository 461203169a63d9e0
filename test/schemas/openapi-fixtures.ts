import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * A small Kubernetes API, as the definitions of an OpenAPI v2 document: ObjectMeta, a ConfigMap
 * and a Deployment-like kind (apps/v1 Deployment with spec.replicas and spec.paused).
 */
export function v2Definitions(ref: (name: string) => object = (name) => ({ $ref: `#/definitions/${name}` })): Record<string, unknown> {
  const meta = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
  return {
    [meta]: {
      description: "Standard object metadata.",
      type: "object",
      properties: {
        name: { type: "string", description: "Name." },
        namespace: { type: "string" },
        labels: { type: "object", additionalProperties: { type: "string" } },
      },
    },
    "io.k8s.api.core.v1.ConfigMap": {
      type: "object",
      properties: {
        apiVersion: { type: "string" },
        kind: { type: "string" },
        metadata: ref(meta),
        data: { type: "object", additionalProperties: { type: "string" } },
      },
      "x-kubernetes-group-version-kind": [{ group: "", version: "v1", kind: "ConfigMap" }],
    },
    "io.k8s.api.core.v1.Namespace": {
      type: "object",
      properties: { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: ref(meta) },
      "x-kubernetes-group-version-kind": [{ group: "", version: "v1", kind: "Namespace" }],
    },
    "io.k8s.api.apps.v1.Deployment": {
      type: "object",
      properties: {
        apiVersion: { type: "string" },
        kind: { type: "string" },
        metadata: ref(meta),
        spec: ref("io.k8s.api.apps.v1.DeploymentSpec"),
      },
      "x-kubernetes-group-version-kind": [{ group: "apps", version: "v1", kind: "Deployment" }],
    },
    "io.k8s.api.apps.v1.DeploymentSpec": {
      type: "object",
      required: ["selector"],
      properties: {
        replicas: { type: "integer", format: "int32", default: 1 },
        paused: { type: "boolean" },
        template: { type: "object", additionalProperties: true },
        selector: { type: "object", additionalProperties: true },
      },
    },
  };
}

/** The same API as OpenAPI v3 documents, one per group-version, each repeating ObjectMeta. */
export function v3Documents(): Record<string, unknown> {
  const wrapped = (name: string) => ({ allOf: [{ $ref: `#/components/schemas/${name}` }], default: {}, description: "wrapped" });
  const all = v2Definitions(wrapped) as Record<string, unknown>;
  const meta = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
  const pick = (...names: string[]) => ({ openapi: "3.0.0", info: { title: "Kubernetes", version: "v1.37.0" }, paths: {}, components: { schemas: Object.fromEntries(names.map((n) => [n, all[n]])) } });
  return {
    "api__v1_openapi.json": pick(meta, "io.k8s.api.core.v1.ConfigMap", "io.k8s.api.core.v1.Namespace"),
    "apis__apps__v1_openapi.json": pick(meta, "io.k8s.api.apps.v1.Deployment", "io.k8s.api.apps.v1.DeploymentSpec"),
  };
}

export function writeV2(dir: string, version = "v1.37.0"): string {
  const file = join(dir, "swagger.json");
  writeFileSync(file, JSON.stringify({ swagger: "2.0", info: { title: "Kubernetes", version }, paths: {}, definitions: v2Definitions() }, null, 2));
  return file;
}

export function writeV3Folder(dir: string): string {
  const folder = join(dir, "v3");
  mkdirSync(folder, { recursive: true });
  for (const [name, document] of Object.entries(v3Documents())) writeFileSync(join(folder, name), JSON.stringify(document, null, 2));
  return folder;
}

/**
 * A stand-in kubectl: a Node script answering `get --raw /openapi/v3`, `get --raw <path>` and
 * `get crd -o yaml` from `answers` (args joined by spaces, without --context -> stdout text, or
 * {stderr, code}); each call's arguments are appended to calls.log beside it.
 */
export function fakeKubectl(dir: string, answers: Record<string, string | { stderr: string; code: number }>): { binary: string; log: string } {
  mkdirSync(dir, { recursive: true });
  const binary = join(dir, "kubectl");
  const log = join(dir, "calls.log");
  writeFileSync(join(dir, "answers.json"), JSON.stringify(answers));
  writeFileSync(
    binary,
    `#!${process.execPath}
const fs = require("node:fs");
const path = require("node:path");
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(args) + "\\n");
const answers = JSON.parse(fs.readFileSync(path.join(${JSON.stringify(dir)}, "answers.json"), "utf8"));
const plain = args[0] === "--context" ? args.slice(2) : args;
const answer = answers[plain.join(" ")];
if (answer === undefined) { process.stderr.write("error: the server doesn't have a resource type \\"" + plain.join(" ") + "\\"\\n"); process.exit(1); }
if (typeof answer === "string") process.stdout.write(answer);
else { process.stderr.write(answer.stderr); process.exit(answer.code); }
`,
  );
  chmodSync(binary, 0o755);
  return { binary, log };
}

/** The answers of a cluster serving the v3 documents above. */
export function clusterOpenApiAnswers(): Record<string, string> {
  const documents = v3Documents();
  const answers: Record<string, string> = {
    "get --raw /openapi/v3": JSON.stringify({
      paths: {
        "api/v1": { serverRelativeURL: "/openapi/v3/api/v1?hash=ABC" },
        "apis/apps/v1": { serverRelativeURL: "/openapi/v3/apis/apps/v1?hash=DEF" },
      },
    }),
  };
  answers["get --raw /openapi/v3/api/v1?hash=ABC"] = JSON.stringify(documents["api__v1_openapi.json"]);
  answers["get --raw /openapi/v3/apis/apps/v1?hash=DEF"] = JSON.stringify(documents["apis__apps__v1_openapi.json"]);
  return answers;
}

/** Manifests for Kubernetes 1.37 with three mistakes: lines and columns are asserted. */
export const MANIFESTS_137 = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
datta:
  a: "1"
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: two
  selector: {}
  pausd: true
`;

/** "line:column message" of each finding of `rule` in the text report. */
export function findingsOf(stdout: string, rule: string): string[] {
  return [...stdout.matchAll(/^\S+?:(\d+:\d+)  (?:error|warning|info)  (.*)  ([a-z-]+)$/gm)].filter((m) => m[3] === rule).map((m) => `${m[1]} ${m[2]}`);
}

export const EXPECTED_137 = [
  "5:1 unknown field `datta` (did you mean `data`?)",
  '13:13 expected an integer (int32), got the string "two"',
  "15:10 unknown field `pausd` (did you mean `paused`?)",
];
