/**
 * A corpus of arbitrary manifests for `kforge lint PATH` (and `kubeconform -strict`): copies
 * of the releases kforge renders for a Kubernetes 1.30 cluster, each copy with its own release
 * names (so names, hosts and references stay consistent), cut into files of two documents,
 * plus a few planted defects: typo fields, removed apiVersions and out-of-range nodePorts.
 */
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface CorpusSize {
  files: number;
  documentsPerFile: number;
}

export interface Corpus {
  dir: string;
  /** "few defects", "findings in most files" (no Namespace, StorageClass or Secret objects), or "a finding in every file". */
  label: string;
  files: number;
  documents: number;
  /** Planted defects by kind; each should give at least one finding. */
  defects: Record<DefectKind, number>;
}

type DefectKind = "typo-field" | "removed-api-version" | "nodeport-out-of-range";

/** Release folders whose cluster-scoped names do not come from the release name: one per cluster, never copied. */
const SINGLETONS = new Set(["namespaces", "ceph-rbd-storage", "ingress-nginx", "metrics-server"]);
const DEFECTS_PER_KIND = 5;

/** Reads the release folders of a rendered tree: release name -> documents (text, in file order). */
export async function readRenderedReleases(renderedDir: string): Promise<Map<string, string[]>> {
  const releases = new Map<string, string[]>();
  for (const entry of (await readdir(renderedDir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || SINGLETONS.has(entry.name)) continue;
    const files = (await readdir(join(renderedDir, entry.name))).filter((f) => f !== "kustomization.yaml").sort();
    const texts = await Promise.all(files.map((f) => readFile(join(renderedDir, entry.name, f), "utf8")));
    releases.set(entry.name, texts.flatMap(splitDocuments));
  }
  return releases;
}

/**
 * `provided: false` leaves out the objects a cluster would provide (Namespaces, StorageClass,
 * the placeholder Secrets): then every document refers to something missing, the common case
 * when linting a folder of manifests, and nearly every file has findings that need positions.
 */
export async function writeCorpus(dir: string, size: CorpusSize, releases: Map<string, string[]>, { provided = true } = {}): Promise<Corpus> {
  await rm(dir, { recursive: true, force: true });
  if (![...releases.values()].some((docs) => docs.length > 0)) throw new Error("the source render has no release documents to copy into the corpus");
  const wanted = size.files * size.documentsPerFile;
  const documents: string[] = provided ? sharedDocuments(releases) : [];
  let nodePorts = 0;
  // Node ports are cluster-wide: each copy needs its own, or nodeport-conflict fires on every
  // copy. The 2,768 ports of the default range last for about 30,000 documents.
  const nextNodePort = () => `nodePort: ${30000 + (nodePorts++ % 2768)}`;
  for (let copy = 0; documents.length < wanted; copy++) {
    for (const [release, rendered] of releases) {
      const docs = provided ? [...rendered, ...placeholderSecrets(rendered)] : rendered;
      const renamed = new RegExp(`\\b${release.replace(/[-.]/g, "\\$&")}\\b`, "g");
      for (const doc of docs) {
        if (documents.length >= wanted) break;
        documents.push(doc.replace(renamed, `${release}-k${copy}`).replace(/nodePort: \d+/g, nextNodePort));
      }
    }
  }
  const defects = plantDefects(documents);
  for (let file = 0; file < size.files; file++) {
    const folder = join(dir, `batch-${String(Math.floor(file / 500)).padStart(2, "0")}`);
    if (file % 500 === 0) await mkdir(folder, { recursive: true });
    const slice = documents.slice(file * size.documentsPerFile, (file + 1) * size.documentsPerFile);
    await writeFile(join(folder, `manifest-${String(file).padStart(5, "0")}.yaml`), slice.join("---\n"));
  }
  return { dir, label: provided ? "few defects" : "findings in most files", files: size.files, documents: documents.length, defects };
}

function splitDocuments(text: string): string[] {
  return text.split(/^---\s*$/m).map((d) => d.replace(/^\n/, "")).filter((d) => /^kind:/m.test(d));
}

/**
 * Objects a cluster would provide, so the copies lint clean apart from the planted defects:
 * the namespaces they use and their StorageClass.
 */
function sharedDocuments(releases: Map<string, string[]>): string[] {
  const names = new Set<string>();
  const classes = new Set<string>();
  for (const docs of releases.values()) {
    for (const doc of docs) {
      for (const m of doc.matchAll(/^ {2}namespace: (\S+)$/gm)) names.add(m[1]);
      for (const m of doc.matchAll(/storageClassName: (\S+)$/gm)) classes.add(m[1]);
    }
  }
  return [
    ...[...names].sort().map((name) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`),
    ...[...classes].sort().map((name) => `apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: ${name}\nprovisioner: rbd.csi.ceph.com\n`),
  ];
}

/**
 * The Secrets a release's pods read (kforge renders only references to them): here with a
 * deploy-time placeholder, as a repository that fills them in at apply time would have.
 */
function placeholderSecrets(docs: string[]): string[] {
  const secrets = new Map<string, string>();
  for (const doc of docs) {
    const namespace = /^ {2}namespace: (\S+)$/m.exec(doc)?.[1] ?? "default";
    for (const m of doc.matchAll(/secretKeyRef:\n(\s+)key: (\S+)\n\1name: (\S+)/g)) secrets.set(`${namespace}/${m[3]}`, m[2]);
  }
  return [...secrets].map(([id, key]) => {
    const [namespace, name] = id.split("/");
    return `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\ntype: Opaque\nstringData:\n  ${key}: \${DB_PASSWORD}\n`;
  });
}

/** Edits a few documents, spread over the corpus, each in a way kforge and kubeconform must both catch. */
function plantDefects(documents: string[]): Record<DefectKind, number> {
  const edits: { kind: DefectKind; applies: RegExp; edit: (doc: string) => string }[] = [
    { kind: "typo-field", applies: /^kind: Deployment$/m, edit: (d) => d.replace(/^ {2}replicas:/m, "  replcas:") },
    { kind: "typo-field", applies: /^kind: StatefulSet$/m, edit: (d) => d.replace(/imagePullPolicy:/, "imagePulPolicy:") },
    { kind: "removed-api-version", applies: /^kind: Ingress$/m, edit: (d) => d.replace("apiVersion: networking.k8s.io/v1", "apiVersion: extensions/v1beta1") },
    { kind: "removed-api-version", applies: /^kind: Deployment$/m, edit: (d) => d.replace("apiVersion: apps/v1", "apiVersion: apps/v1beta2") },
    { kind: "nodeport-out-of-range", applies: /nodePort: \d+/, edit: (d) => d.replace(/nodePort: \d+/, () => `nodePort: ${42000 + counts["nodeport-out-of-range"]}`) },
  ];
  const counts: Record<DefectKind, number> = { "typo-field": 0, "removed-api-version": 0, "nodeport-out-of-range": 0 };
  const edited = new Set<number>();
  const stride = Math.floor(documents.length / DEFECTS_PER_KIND);
  edits.forEach((edit, index) => {
    // Each edit starts at its own offset and is spread over the whole corpus.
    for (let planted = 0; planted < DEFECTS_PER_KIND; planted++) {
      for (let at = planted * stride + index * 7; at < documents.length; at++) {
        if (edited.has(at) || !edit.applies.test(documents[at])) continue;
        documents[at] = edit.edit(documents[at]);
        edited.add(at);
        counts[edit.kind]++;
        break;
      }
    }
  });
  return counts;
}

/**
 * The case: 10,000 small documents (a Deployment and its Service per file) whose
 * namespaces are not in the set and whose containers have no probes, so every file has findings
 * that need positions.
 */
export async function writeFindingsEverywhereCorpus(dir: string, size: CorpusSize): Promise<Corpus> {
  await rm(dir, { recursive: true, force: true });
  for (let file = 0; file < size.files; file++) {
    const folder = join(dir, `batch-${String(Math.floor(file / 500)).padStart(2, "0")}`);
    if (file % 500 === 0) await mkdir(folder, { recursive: true });
    const name = `web-${file}`;
    const namespace = `shop-${file % 50}`;
    const documents = [
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n  labels: {app: ${name}}\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n        - name: web\n          image: registry.example.com/web:1.${file}\n          ports:\n            - containerPort: 8080\n              name: http\n          resources:\n            requests: {cpu: 100m, memory: 128Mi}\n            limits: {cpu: 500m, memory: 256Mi}\n`,
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  selector: {app: ${name}}\n  ports:\n    - name: http\n      port: 80\n      targetPort: http\n`,
    ].slice(0, Math.max(1, size.documentsPerFile));
    await writeFile(join(folder, `manifest-${String(file).padStart(5, "0")}.yaml`), documents.join("---\n"));
  }
  return { dir, label: "a finding in every file", files: size.files, documents: size.files * Math.min(2, Math.max(1, size.documentsPerFile)), defects: { "typo-field": 0, "removed-api-version": 0, "nodeport-out-of-range": 0 } };
}
