import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { JsonFinding } from "../../src/report/format-json.js";
import { makeRepo, runCli } from "../helpers/temp-repo.js";

/**
 * The team's own manifests (test/fixtures/seed, extracted from their kubeadm notes) linted
 * through the CLI at the two Kubernetes versions they ran and upgrade to. Each case lists every
 * finding a reviewer expects, as "file:line:column severity rule | message fragment": a missing
 * finding or a new false positive fails the test.
 */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SEED = "test/fixtures/seed";
const VERSIONS = ["1.18", "1.30"] as const;
type Version = (typeof VERSIONS)[number];

// Linted in a copy that holds only the fixtures: the example repo's policies/ would change severities.
const workdir = makeRepo(Object.fromEntries(readdirSync(join(ROOT, SEED)).map((f) => [`${SEED}/${f}`, readFileSync(join(ROOT, SEED, f), "utf8")])));

interface SeedCase {
  name: string;
  /** Fixtures linted as one set (cross-resource rules judge them together). */
  files: string[];
  /** Expected at both versions. */
  findings: string[];
  /** Expected only at one version. */
  only?: Partial<Record<Version, string[]>>;
  /** Rules that must report nothing for this set. */
  absent?: string[];
  /** Reported but left out of the comparison, with the reason (a known rule problem). */
  known?: { finding: string; reason: string }[];
}

const NS = "bjrdc-dev-namespace.yaml";
const STATEFULSET_RULES = ["statefulset-storage", "statefulset-service-name"];

/** A container without probes or resources: three warnings at its name. */
const bareContainer = (at: string) => [
  `${at} warning probes | has no readinessProbe`,
  `${at} warning probes | has no livenessProbe`,
  `${at} warning resources | has no CPU request, no memory request and no memory limit`,
];
const HELLO_NODE = bareContainer("hello-node.yaml:20:15");
const ES = [
  "es-statefulset.yaml:8:14 warning cluster-scoped-namespace | StorageClass ceph-storageclass-es is cluster-scoped",
  "es-statefulset.yaml:54:16 warning image-tag | Image busybox of container busybox-init",
  ...bareContainer("es-statefulset.yaml:65:15"),
];
const rbdPlugin = (at: string) => `${at} warning deprecated-api | uses the in-tree rbd volume plugin, which is deprecated since Kubernetes 1.28 and is removed in 1.31`;
const recycle = (at: string) => `${at} warning deprecated-api | deprecated Recycle reclaim policy`;
const ingress = (severity: string, message: string) => [4, 22].map((line) => `ingress-extensions-v1beta1.yaml:${line}:13 ${severity} deprecated-api | ${message}`);

const CASES: SeedCase[] = [
  { name: "dashboard admin-user as written: the blockquote lost its indentation, one line is tab-indented", files: ["dashboard-admin-user.yaml"], findings: [
    "dashboard-admin-user.yaml:6:10 error api-validation | metadata.name: Required value: name or generateName is required",
    "dashboard-admin-user.yaml:7:7 error schema | unknown field `name`",
    "dashboard-admin-user.yaml:8:12 error schema | unknown field `namespace`",
    "dashboard-admin-user.yaml:14:1 error yaml-syntax | Tabs are not allowed as indentation",
    "dashboard-admin-user.yaml:17:1 error yaml-syntax | Map keys must be unique",
    "dashboard-admin-user.yaml:18:1 error yaml-syntax | Map keys must be unique",
  ] },
  { name: "dashboard admin-user as applied: bound to cluster-admin", files: ["dashboard-admin-user-indented.yaml"], findings: [
    "dashboard-admin-user-indented.yaml:18:9 error cluster-admin-binding | grants cluster-admin cluster-wide to ServiceAccount kube-system/admin-user",
  ] },
  { name: "hello-node Deployment and Service", files: [NS, "hello-node.yaml"], findings: HELLO_NODE },
  { name: "extensions/v1beta1 Ingresses with the hello-node Service", files: [NS, "hello-node.yaml", "ingress-extensions-v1beta1.yaml"], findings: [
    ...HELLO_NODE,
    "ingress-extensions-v1beta1.yaml:37:24 warning ingress-backend | Service bjrdc-dev/spring-cloud-k8s-gateway, which is not in the linted files",
  ], only: {
    "1.18": ingress("warning", "extensions/v1beta1 Ingress is deprecated since Kubernetes 1.14 and is removed in 1.22; use networking.k8s.io/v1"),
    "1.30": ingress("error", "extensions/v1beta1 Ingress was removed in Kubernetes 1.22 (deprecated in 1.14); use networking.k8s.io/v1"),
  } },
  { name: "spring-cloud ConfigMap: unindented, its `---` splits application.yaml into documents", files: ["spring-cloud-configmap.yaml"], findings: [
    "spring-cloud-configmap.yaml:6:10 error api-validation | metadata.name: Required value: name or generateName is required",
    "spring-cloud-configmap.yaml:7:7 error schema | unknown field `name`",
    "spring-cloud-configmap.yaml:8:12 error schema | unknown field `namespace`",
    "spring-cloud-configmap.yaml:10:19 error schema | unknown field `application.yaml`",
    "spring-cloud-configmap.yaml:11:28 error schema | unknown field `cn.xportal.cs.config.base`",
    "spring-cloud-configmap.yaml:13:1 error yaml-syntax | the document has no apiVersion",
    "spring-cloud-configmap.yaml:17:1 error yaml-syntax | the document has no apiVersion",
  ] },
  { name: "web-stateful StatefulSet with its headless Service and StorageClass", files: [NS, "ceph-stateful-storageclass.yaml", "web-stateful.yaml"], absent: STATEFULSET_RULES, findings: [
    "ceph-stateful-storageclass.yaml:8:14 warning cluster-scoped-namespace | StorageClass ceph-storageclass-stateful is cluster-scoped",
    ...bareContainer("web-stateful.yaml:37:15"),
  ] },
  { name: "health-check Pods (the readinessProbe example only has a livenessProbe, and a containnerPort typo)", files: ["health-check-pods.yaml"], findings: [
    "health-check-pods.yaml:10:11 warning probes | has no readinessProbe",
    "health-check-pods.yaml:10:11 warning resources | has no CPU request",
    "health-check-pods.yaml:11:12 warning image-tag | Image tomcagcr.io/google_containers/busybox of container liveness in Pod default/liveness-exec has no tag",
    "health-check-pods.yaml:31:11 warning probes | has no readinessProbe",
    "health-check-pods.yaml:31:11 warning resources | has no CPU request",
    "health-check-pods.yaml:32:12 warning image-tag | Image nginx of container nginx",
    "health-check-pods.yaml:34:7 error schema | missing required field `containerPort`",
    "health-check-pods.yaml:34:23 error schema | unknown field `containnerPort` (did you mean `containerPort`?)",
  ] },
  { name: "Ceph Secret, rbd PersistentVolume, claim and Deployment", files: [NS, "ceph-normal-pv.yaml"], findings: [
    "ceph-normal-pv.yaml:10:8 error secret-in-git | Secret bjrdc-dev/ceph-normal-secret commits a secret value in plain text (key)",
    "ceph-normal-pv.yaml:17:14 warning cluster-scoped-namespace | PersistentVolume ceph-normal-pv is cluster-scoped",
    recycle("ceph-normal-pv.yaml:35:34"),
    ...bareContainer("ceph-normal-pv.yaml:70:15"),
    "ceph-normal-pv.yaml:80:24 warning rwo-claim-shared | with the RollingUpdate strategy",
  ], only: { "1.30": [rbdPlugin("ceph-normal-pv.yaml:25:3")] } },
  { name: "RBAC examples: ServiceAccount and aggregated ClusterRole, unindented", files: ["rbac-examples.yaml"], findings: [
    "rbac-examples.yaml:6:10 error api-validation | metadata.name: Required value: name or generateName is required",
    "rbac-examples.yaml:7:7 error schema | unknown field `name`",
    "rbac-examples.yaml:8:12 error schema | unknown field `namespace`",
    "rbac-examples.yaml:13:10 error api-validation | metadata.name: Required value: name or generateName is required",
    "rbac-examples.yaml:14:7 error schema | unknown field `name`",
    "rbac-examples.yaml:17:47 error schema | unknown field `rbac.authorization.k8s.io/aggregate-to-admin`",
    "rbac-examples.yaml:18:46 error schema | unknown field `rbac.authorization.k8s.io/aggregate-to-edit`",
    "rbac-examples.yaml:20:3 error schema | missing required field `verbs`",
    "rbac-examples.yaml:21:12 error schema | unknown field `resources`",
    "rbac-examples.yaml:22:8 error schema | unknown field `verbs`",
  ] },
  { name: "ClusterIP and NodePort Service examples indented with tabs", files: ["service-expose.yaml"],
    findings: [7, 9, 11, 17, 19, 21].map((line) => `service-expose.yaml:${line}:1 error yaml-syntax | Tabs are not allowed as indentation`) },
  { name: "pod-shard: rbd PV, claim, two containers sharing it, Service", files: [NS, "pod-shard.yaml"], findings: [
    "pod-shard.yaml:8:14 warning cluster-scoped-namespace | PersistentVolume ceph-pod-shard-pv is cluster-scoped",
    recycle("pod-shard.yaml:26:34"),
    ...bareContainer("pod-shard.yaml:62:15"),
    "pod-shard.yaml:70:15 warning probes | Container busybox in Deployment bjrdc-dev/pod-shard has no livenessProbe",
    "pod-shard.yaml:70:15 warning resources | Container busybox",
    "pod-shard.yaml:71:16 warning image-tag | Image busybox of container busybox",
  ], only: { "1.30": [rbdPlugin("pod-shard.yaml:16:3")] } },
  { name: "ceph-rbd-secret, StorageClass, claim and Deployment", files: [NS, "ceph-rbd-storageclass.yaml"], findings: [
    "ceph-rbd-storageclass.yaml:10:8 error secret-in-git | Secret bjrdc-dev/ceph-rbd-secret commits a secret value in plain text (key)",
    "ceph-rbd-storageclass.yaml:17:14 warning cluster-scoped-namespace | StorageClass ceph-storageclass is cluster-scoped",
    ...bareContainer("ceph-rbd-storageclass.yaml:62:15"),
    "ceph-rbd-storageclass.yaml:72:24 warning rwo-claim-shared | with the RollingUpdate strategy",
  ] },
  { name: "single MySQL on a hostPath PV with a literal root password", files: [NS, "mysql-single-local.yaml"], findings: [
    "mysql-single-local.yaml:8:14 warning cluster-scoped-namespace | PersistentVolume mysql-local-pv is cluster-scoped",
    "mysql-single-local.yaml:18:11 warning hostpath-volume | PersistentVolume mysql-local-pv is a hostPath volume",
    ...bareContainer("mysql-single-local.yaml:56:15"),
    "mysql-single-local.yaml:60:18 error plaintext-credential-env | MYSQL_ROOT_PASSWORD in container mysql-local in Deployment bjrdc-dev/mysql-local holds a literal value",
  ] },
  { name: "single MySQL on Ceph: the PV's heredoc EOF is inside the YAML", files: [NS, "mysql-single-on-ceph.yaml"], findings: [
    "mysql-single-on-ceph.yaml:27:3 error yaml-syntax | Implicit map keys need to be followed by map values",
    ...bareContainer("mysql-single-on-ceph.yaml:64:15"),
    "mysql-single-on-ceph.yaml:68:18 error plaintext-credential-env | MYSQL_ROOT_PASSWORD in container mysql in Deployment bjrdc-dev/mysql-on-ceph-01 holds a literal value",
  ] },
  { name: "MySQL StatefulSet with headless Service, claim templates and its StorageClass", files: [NS, "mysql-statefulset.yaml"], absent: STATEFULSET_RULES, findings: [
    "mysql-statefulset.yaml:8:14 warning cluster-scoped-namespace | StorageClass ceph-storageclass-stateful-mysql is cluster-scoped",
    "mysql-statefulset.yaml:117:16 warning image-tag | Image ist0ne/xtrabackup of container clone-mysql",
    "mysql-statefulset.yaml:144:18 warning plaintext-credential-env | MYSQL_ALLOW_EMPTY_PASSWORD=1 in container mysql in StatefulSet bjrdc-dev/mysql-stateful runs the database without a password",
    "mysql-statefulset.yaml:154:9 warning resources | Container mysql in StatefulSet bjrdc-dev/mysql-stateful has no memory limit",
    "mysql-statefulset.yaml:171:15 warning probes | Container xtrabackup in StatefulSet bjrdc-dev/mysql-stateful has no readinessProbe",
    "mysql-statefulset.yaml:171:15 warning probes | Container xtrabackup in StatefulSet bjrdc-dev/mysql-stateful has no livenessProbe",
    "mysql-statefulset.yaml:172:16 warning image-tag | Image ist0ne/xtrabackup of container xtrabackup",
    "mysql-statefulset.yaml:224:9 warning resources | Container xtrabackup in StatefulSet bjrdc-dev/mysql-stateful has no memory limit",
  ] },
  { name: "Elasticsearch StatefulSet with the StorageClass its claim template names", files: [NS, "ceph-stateful-storageclass.yaml", "es-statefulset.yaml"], absent: STATEFULSET_RULES, findings: [
    "ceph-stateful-storageclass.yaml:8:14 warning cluster-scoped-namespace | StorageClass ceph-storageclass-stateful is cluster-scoped",
    ...ES,
  ] },
  { name: "Elasticsearch alone: its claim template names web-stateful's class, not ceph-storageclass-es", files: [NS, "es-statefulset.yaml"], absent: ["statefulset-service-name"], findings: [
    ...ES,
    "es-statefulset.yaml:99:25 warning statefulset-storage | claim template \"es-data\" asks for StorageClass ceph-storageclass-stateful, which is not in the linted files",
  ] },
  { name: "service-discovery ClusterRole (unindented metadata) and its binding", files: [NS, "rbac-service-discovery.yaml"], findings: [
    "rbac-service-discovery.yaml:6:10 error api-validation | metadata.name: Required value: name or generateName is required",
    "rbac-service-discovery.yaml:7:7 error schema | unknown field `name`",
    "rbac-service-discovery.yaml:8:12 error schema | unknown field `namespace`",
    "rbac-service-discovery.yaml:18:14 warning cluster-scoped-namespace | ClusterRoleBinding bjrdc-rb is cluster-scoped",
    "rbac-service-discovery.yaml:22:9 warning missing-reference | references ClusterRole bjrdc-cr (roleRef), which is not in the linted files",
  ] },
];

const keyOf = (f: JsonFinding) => `${f.file.slice(SEED.length + 1)}:${f.line}:${f.column} ${f.severity} ${f.ruleId}`;
const split = (spec: string) => {
  const [key, fragment] = spec.split(" | ");
  return { key, fragment };
};

async function lintSeed(files: string[], version: Version): Promise<{ code: number; findings: JsonFinding[] }> {
  const result = await runCli(["lint", ...files.map((f) => `${SEED}/${f}`), "--kube-version", version, "--format", "json"], workdir);
  expect(result.stderr).toBe("");
  return { code: result.code, findings: (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings };
}

describe("the seed notes' manifests", () => {
  for (const version of VERSIONS) {
    describe(`at Kubernetes ${version}`, () => {
      for (const c of CASES) {
        it(c.name, async () => {
          const { code, findings } = await lintSeed(c.files, version);
          const expected = [...c.findings, ...(c.only?.[version] ?? [])].map(split);
          const known = (c.known ?? []).map((k) => k.finding);
          const compared = findings.filter((f) => !known.includes(keyOf(f)));
          expect(compared.map(keyOf).sort()).toEqual(expected.map((e) => e.key).sort());
          for (const { key, fragment } of expected) {
            if (fragment) expect(findings.filter((f) => keyOf(f) === key).map((f) => f.message)).toContainEqual(expect.stringContaining(fragment));
          }
          for (const rule of c.absent ?? []) expect(findings.filter((f) => f.ruleId === rule)).toEqual([]);
          expect(code).toBe(expected.some((e) => e.key.includes(" error ")) ? 1 : 0);
        });
      }
    });
  }

  it("names the replacement of the removed Ingress API in the remediation", async () => {
    const { findings } = await lintSeed(["ingress-extensions-v1beta1.yaml"], "1.30");
    const ingress = findings.find((f) => f.ruleId === "deprecated-api")!;
    expect(ingress.remediation).toContain("Change apiVersion to networking.k8s.io/v1.");
    expect(ingress.resource).toEqual({ apiVersion: "extensions/v1beta1", kind: "Ingress", namespace: "bjrdc-dev", name: "hello-node-ingress" });
  });
});
