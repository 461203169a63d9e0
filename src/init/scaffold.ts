import { posix, relative, sep } from "node:path";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../package-root.js";
import { readConsumerWorkflows } from "./consumer-workflows.js";

export interface ScaffoldOptions {
  /** Absolute folder the repository is created in. */
  root: string;
  cluster: string;
  engine: "argocd" | "flux";
  repoURL: string;
  kubernetesVersion: string;
  /** Version of kforge, for the package.json devDependency. */
  kforgeVersion: string;
  /** Whether root already has a package.json (then it is left alone). */
  hasPackageJson: boolean;
}

/** Path from `fromDir` (relative to root) to a file of the installed package, for `$schema` modelines. */
function packagePath(root: string, fromDir: string, file: string): string {
  return relative(join(root, fromDir), join(PACKAGE_ROOT, file)).split(sep).join("/");
}

/** The files of a new kforge repository: a first cluster, a policy, workflows, .gitignore and package.json. */
export function scaffoldFiles(options: ScaffoldOptions): Map<string, string> {
  const { root, cluster, engine, repoURL, kubernetesVersion } = options;
  const clusterDir = posix.join("clusters", cluster);
  const files = new Map<string, string>();
  files.set(posix.join(clusterDir, "cluster.yaml"), `# yaml-language-server: $schema=${packagePath(root, clusterDir, "schemas/cluster.schema.json")}
# The cluster's releases: which blueprints run here, with which values. Edit, then run
# \`kforge render\` and commit the result; \`kforge check\` is what CI runs on every pull request.
apiVersion: kforge.dev/v1alpha1
kind: Cluster
metadata:
  name: ${cluster}
spec:
  kubernetesVersion: "${kubernetesVersion}"
  gitops:
    engine: ${engine}
    repoURL: ${repoURL}
    targetRevision: main
  provided:
    # Objects that exist in the cluster but are not in this repository.
    namespaces: []
    secrets: []
  releases:
    # web-app comes from kforge's blueprint library; copy it to blueprints/web-app/ to change it.
    - name: hello
      blueprint: web-app
      namespace: hello
      values:
        image: registry.k8s.io/e2e-test-images/agnhost:2.39
        replicas: 2
        port: 8080
        resources: {requests: {cpu: 50m, memory: 64Mi}, limits: {memory: 128Mi}}
`);
  files.set("policies/platform.yaml", `# yaml-language-server: $schema=${packagePath(root, "policies", "schemas/policy.schema.json")}
# Which lint rules apply, at what severity, with reviewed exemptions.
# \`kforge explain\` lists the rules; \`kforge explain RULE\` describes one and its options.
apiVersion: kforge.dev/v1alpha1
kind: Policy
metadata:
  name: platform
spec:
  rules:
    image-tag: error
  exemptions: []
`);
  for (const [path, text] of readConsumerWorkflows()) files.set(path, text);
  if (!options.hasPackageJson) {
    files.set("package.json", `${JSON.stringify({ private: true, description: "GitOps repository rendered and checked by kforge", scripts: { render: "kforge render", check: "kforge check" }, devDependencies: { kforge: `^${options.kforgeVersion}` } }, null, 2)}\n`);
  }
  return files;
}

/** Lines `kforge init` makes sure .gitignore has. */
export const GITIGNORE_LINES = [".kforge-cache/", "node_modules/"];
