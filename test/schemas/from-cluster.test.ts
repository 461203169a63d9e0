import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeRepo, runCli } from "../helpers/temp-repo.js";
import { CLUSTER_CRDS } from "./crd-fixtures.js";
import { clusterOpenApiAnswers, EXPECTED_137, fakeKubectl, findingsOf, MANIFESTS_137 } from "./openapi-fixtures.js";

const saved = process.env.KFORGE_KUBECTL;
afterEach(() => {
  if (saved === undefined) delete process.env.KFORGE_KUBECTL;
  else process.env.KFORGE_KUBECTL = saved;
});

function calls(log: string): string[][] {
  return readFileSync(log, "utf8").trim().split("\n").map((line) => JSON.parse(line));
}

describe("kforge schemas import --from-cluster (kubectl)", () => {
  it("reads the cluster's OpenAPI v3 through kubectl, with the context given", async () => {
    const root = makeRepo({ "manifests/app.yaml": MANIFESTS_137 });
    const kubectl = fakeKubectl(join(root, ".bin"), clusterOpenApiAnswers());
    process.env.KFORGE_KUBECTL = kubectl.binary;
    const imported = await runCli(["schemas", "import", "--kube-version", "1.37", "--from-cluster", "--context", "staging"], root);
    expect(imported.stderr).toBe("");
    expect(imported.stdout).toBe("kforge schemas import: wrote schemas/imported/kubernetes-1.37.json (3 kinds, 5 definitions) from OpenAPI v3 of the cluster (kubectl, context staging; 2 documents).\n");
    expect(calls(kubectl.log)).toEqual([
      ["--context", "staging", "get", "--raw", "/openapi/v3"],
      ["--context", "staging", "get", "--raw", "/openapi/v3/api/v1?hash=ABC"],
      ["--context", "staging", "get", "--raw", "/openapi/v3/apis/apps/v1?hash=DEF"],
    ]);
    const lint = await runCli(["lint", "manifests", "--kube-version", "1.37"], root);
    expect(findingsOf(lint.stdout, "schema")).toEqual(EXPECTED_137);
  });

  it("reads the cluster's CRDs without status and server-maintained metadata", async () => {
    const root = makeRepo({});
    const kubectl = fakeKubectl(join(root, ".bin"), { "get crd -o yaml": CLUSTER_CRDS });
    process.env.KFORGE_KUBECTL = kubectl.binary;
    const imported = await runCli(["schemas", "import", "--crds", "operators", "--from-cluster"], root);
    expect(imported.stderr).toBe("");
    expect(imported.stdout).toContain("wrote schemas/imported/crds/operators.yaml (1 CustomResourceDefinition) from the cluster (kubectl get crd, the current context)");
    expect(calls(kubectl.log)).toEqual([["get", "crd", "-o", "yaml"]]);
    const text = readFileSync(join(root, "schemas/imported/crds/operators.yaml"), "utf8");
    expect(text.split("\n").slice(0, 8)).toEqual([
      '# CRD set "operators", imported by `kforge schemas import --crds operators` from the cluster (kubectl get crd, the current context).',
      "# Regenerate it with the same command rather than editing it.",
      "---",
      "apiVersion: apiextensions.k8s.io/v1",
      "kind: CustomResourceDefinition",
      "metadata:",
      "  name: widgets.example.com",
      "spec:",
    ]);
    for (const gone of ["status:", "managedFields", "resourceVersion", "uid:", "creationTimestamp", "last-applied-configuration", "storedVersions"]) expect(text).not.toContain(gone);
  });

  it("says so when kubectl is missing", async () => {
    process.env.KFORGE_KUBECTL = join(makeRepo({}), "no-such-kubectl");
    const result = await runCli(["schemas", "import", "--kube-version", "1.37", "--from-cluster"], makeRepo({}));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^kforge schemas import: cannot run ".*no-such-kubectl" \(KFORGE_KUBECTL\): not found; install kubectl and put it on PATH, or set KFORGE_KUBECTL to its path\n$/);
  });

  it("passes on what kubectl says when it fails", async () => {
    const root = makeRepo({});
    process.env.KFORGE_KUBECTL = fakeKubectl(join(root, ".bin"), { "get --raw /openapi/v3": { stderr: "error: You must be logged in to the server (Unauthorized)\n", code: 1 } }).binary;
    const result = await runCli(["schemas", "import", "--kube-version", "1.37", "--from-cluster"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("kforge schemas import: kubectl get --raw /openapi/v3 failed (exit code 1): error: You must be logged in to the server (Unauthorized); check that kubectl reaches the cluster (or pass --context NAME)\n");
  });

  it("reports output that is not JSON at its line and column", async () => {
    const root = makeRepo({});
    const answers = clusterOpenApiAnswers();
    answers["get --raw /openapi/v3/apis/apps/v1?hash=DEF"] = "<html>\n<body>proxy error</body>\n";
    process.env.KFORGE_KUBECTL = fakeKubectl(join(root, ".bin"), answers).binary;
    const result = await runCli(["schemas", "import", "--kube-version", "1.37", "--from-cluster"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('kforge schemas import: kubectl get --raw /openapi/v3/apis/apps/v1?hash=DEF:1:1: not JSON: unexpected "<" where a value belongs\n');
  });
});
