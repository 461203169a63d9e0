import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { readClusterOpenApi } from "../schemas/cluster-openapi.js";
import { ImportError } from "../schemas/import-error.js";
import { crdSetText, displayPath, readClusterCrds, readCrdFiles, type CrdInput } from "../schemas/import-crds.js";
import { readOpenApi, type OpenApiInput } from "../schemas/import-openapi.js";
import { writeImportedRelease } from "../schemas/import-release.js";
import { CRD_SET_NAME, importsRoot } from "../schemas/imported-schemas.js";
import { CRDS_DIR } from "../schemas/imported-release-file.js";
import { plural } from "../report/plural.js";
import { isShippedMinor, parseMinor } from "../validate/schema-sets.js";
import { EXIT, UsageError, type CliIo, type Command } from "./cli-io.js";
import { parseFlags } from "./parse-flags.js";

const FLAGS = {
  "kube-version": { type: "string" },
  openapi: { type: "string" },
  crds: { type: "string" },
  "from-cluster": { type: "boolean" },
  context: { type: "string" },
  force: { type: "boolean" },
  root: { type: "string" },
} as const;

export const schemasCommand: Command = {
  name: "schemas",
  flags: FLAGS,
  summary: "import the schemas of a Kubernetes version, or a cluster's CRDs, into schemas/imported/",
  usage: `Usage: kforge schemas import --kube-version X.Y (--openapi PATH | --from-cluster [--context NAME]) [--force]
       kforge schemas import --crds NAME (FILE_OR_FOLDER... | --from-cluster [--context NAME])
       [--root DIR]

Adds schemas to the repository, in schemas/imported/ (commit them): check, lint and render use
them exactly like the ones kforge ships.

--kube-version X.Y writes schemas/imported/kubernetes-X.Y.json from the Kubernetes API's
OpenAPI: an OpenAPI v2 document (api/openapi-spec/swagger.json of the Kubernetes repository),
a folder of OpenAPI v3 documents (api/openapi-spec/v3/), or the API server kubectl reaches
(kubectl get --raw /openapi/v3). Clusters may then set kubernetesVersion: "X.Y", and
\`kforge lint --kube-version X.Y\` lints files for it. Importing a version kforge ships
replaces its schemas for this repository, and needs --force.

--crds NAME writes schemas/imported/crds/NAME.yaml: the CustomResourceDefinitions in the given
YAML files and folders, or installed in the cluster (kubectl get crd -o yaml); other objects,
status and server-maintained metadata are left out. A cluster file lists the sets it has
installed in spec.schemas.crds, and custom resources of those kinds are then validated;
\`kforge lint PATH\` uses every set.

kubectl is run as is (KFORGE_KUBECTL names another binary), with your kubeconfig.

Options:
  --kube-version X.Y   import the Kubernetes API of this version
  --openapi PATH       from this swagger.json, or folder of OpenAPI v3 documents
  --crds NAME          import a set of CustomResourceDefinitions under this name
  --from-cluster       from the cluster kubectl reaches
  --context NAME       kubectl context to use (with --from-cluster)
  --force              replace the schemas of a version kforge ships
  --root DIR           repository root (default: nearest folder upwards with clusters/, else here)
  -h, --help           show this help

Exit codes: 0 written, 2 usage errors, unreadable input, or kubectl missing or failing.`,
  async run(args, io) {
    const { values, positionals } = parseFlags("schemas", args, FLAGS, true);
    if (values.help) {
      io.stdout(`${this.usage}\n`);
      return EXIT.ok;
    }
    const [subcommand, ...paths] = positionals;
    if (subcommand !== "import") throw new UsageError(subcommand === undefined ? "missing subcommand: kforge schemas import ..." : `unknown subcommand "${subcommand}": kforge schemas has one, import`);
    const root = importsRoot(io.cwd, values.root);
    try {
      if (values["kube-version"] !== undefined) {
        if (values.crds !== undefined) throw new UsageError("--kube-version and --crds are two imports; run them one at a time");
        return await importRelease(io, root, values["kube-version"], paths, values);
      }
      if (values.crds !== undefined) return await importCrds(io, root, values.crds, paths, values);
      throw new UsageError("say what to import: --kube-version X.Y (with --openapi PATH or --from-cluster), or --crds NAME (with files or --from-cluster)");
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      io.stderr(`kforge schemas import: ${error.message}\n`);
      return EXIT.usage;
    }
  },
};

interface SourceFlags {
  openapi?: string;
  "from-cluster"?: boolean;
  context?: string;
  force?: boolean;
}

async function importRelease(io: CliIo, root: string, given: string, paths: string[], flags: SourceFlags): Promise<number> {
  const minor = parseMinor(given);
  if (minor === undefined) throw new UsageError(`--kube-version ${given}: not a Kubernetes version; write it as "1.<minor>", e.g. "1.37"`);
  if (paths.length > 0) throw new UsageError(`--kube-version takes its input from --openapi PATH or --from-cluster, not "${paths[0]}"`);
  if ((flags.openapi === undefined) === !flags["from-cluster"]) throw new UsageError("--kube-version needs one of --openapi PATH or --from-cluster");
  if (flags.context !== undefined && !flags["from-cluster"]) throw new UsageError("--context applies to --from-cluster");
  const version = `1.${minor}`;
  const shipped = isShippedMinor(minor);
  if (shipped && !flags.force) {
    throw new UsageError(`kforge ships the schemas of Kubernetes ${version}; importing ${version} replaces them for this repository: pass --force to do that`);
  }
  const input: OpenApiInput = flags.openapi !== undefined ? await readOpenApi(resolve(io.cwd, flags.openapi), flags.openapi, displayPath(root, resolve(io.cwd, flags.openapi))) : await readClusterOpenApi(flags.context);
  const stated = input.statedVersion === undefined ? undefined : parseMinor(input.statedVersion);
  if (stated !== undefined && stated !== minor) {
    throw new ImportError(`${input.source} describes Kubernetes ${input.statedVersion} (info.version), not ${version}; import it as --kube-version 1.${stated}, or give the API of ${version}`);
  }
  const written = await writeImportedRelease(root, version, input);
  const note = shipped ? `; it replaces the shipped schemas of Kubernetes ${version} in this repository` : "";
  io.stdout(`kforge schemas import: wrote ${written.file} (${plural(written.kinds, "kind")}, ${plural(written.definitions, "definition")}) from ${input.source}${note}.\n`);
  return EXIT.ok;
}

async function importCrds(io: CliIo, root: string, name: string, paths: string[], flags: SourceFlags): Promise<number> {
  if (!CRD_SET_NAME.test(name)) throw new UsageError(`--crds ${name}: a CRD set name is lowercase letters, digits and "-" (it names the file and is what cluster files list)`);
  if (flags.openapi !== undefined) throw new UsageError("--openapi applies to --kube-version; --crds reads CustomResourceDefinitions from YAML files or --from-cluster");
  if (flags.force) throw new UsageError("--force applies to --kube-version; a CRD set is simply written again");
  if ((paths.length > 0) === Boolean(flags["from-cluster"])) throw new UsageError("--crds NAME needs FILE_OR_FOLDER arguments or --from-cluster (one of them)");
  if (flags.context !== undefined && !flags["from-cluster"]) throw new UsageError("--context applies to --from-cluster");
  const input: CrdInput = paths.length > 0 ? await readCrdFiles(io.cwd, paths) : await readClusterCrds(flags.context);
  if (input.crds.length === 0) throw new ImportError(`${input.source} has no CustomResourceDefinition`);
  const file = `${CRDS_DIR}/${name}.yaml`;
  await mkdir(dirname(join(root, file)), { recursive: true });
  await writeFile(join(root, file), crdSetText(name, input));
  io.stdout(`kforge schemas import: wrote ${file} (${plural(input.crds.length, "CustomResourceDefinition")}) from ${input.source}; list "${name}" in a cluster's spec.schemas.crds to validate its custom resources.\n`);
  return EXIT.ok;
}
