/** Command-line options of `npm run bench`. */
import { parseArgs } from "node:util";
import type { CorpusSize } from "./corpus.js";
import type { RepoSize } from "./synthetic-repo.js";

export interface BenchOptions {
  sizes: RepoSize[];
  corpus: CorpusSize;
  runs: number;
  json?: string;
  profile: boolean;
  keep: boolean;
  build: boolean;
  /** The Node.js binary that runs kforge (default: the one running the bench). */
  node: string;
  timeoutMs: number;
}

export const USAGE = `Usage: npm run bench -- [--quick] [--sizes 50x20,200x25] [--corpus 5000x2] [--runs N]
                       [--json FILE] [--profile] [--keep] [--no-build] [--timeout SECONDS] [--node PATH]

Generates a synthetic repository per size (clusters x releases) and a corpus of manifests
(files x documents per file) in a temporary folder, then times the built CLI, each figure the
median of --runs runs: cold \`kforge check\`, \`kforge render\` writing every tree, \`kforge render\`
after one values file changed, \`kforge lint\` of the corpus, and peak memory. Beside them:
\`kubectl kustomize\` of the same trees and \`kubeconform -strict -n 2\` of the corpus, when the
binaries are installed (kubeconform: $KUBECONFORM or PATH; offline schemas:
$KUBECONFORM_SCHEMA_LOCATION).

Options:
  --quick            smoke run: sizes 6x10, corpus 200x2, one run
  --sizes LIST       repository sizes, CLUSTERSxRELEASES, comma-separated (default 50x20,200x25)
  --corpus FxD       corpus of F files of D documents each (default 5000x2)
  --runs N           runs per measurement; the median is reported (default 3)
  --json FILE        also write every figure, the ratios and the machine as JSON
  --profile          instead of timing: one \`kforge check\` of the first size and one \`kforge lint\`
                     of the corpus under \`node --cpu-prof\`; prints the hot spots
  --keep             keep the temporary folder (its path is printed)
  --no-build         time dist/ as it is, even if src/ is newer
  --node PATH        run kforge under this Node.js binary (users run 22 and 24; Node 22.1+ keeps
                     compiled code between runs); default: the Node.js running the bench
  --timeout SECONDS  kill a command that runs longer (default 600)`;

/** A mistake in the options: printed with the usage, exit 2. */
export class BenchUsageError extends Error {}

function pairs(text: string, what: string): [number, number][] {
  return text.split(",").map((item) => {
    const match = /^(\d+)x(\d+)$/.exec(item.trim());
    if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) throw new BenchUsageError(`${what} "${item}": expected two positive numbers like 50x20`);
    return [Number(match[1]), Number(match[2])];
  });
}

function positive(text: string, what: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new BenchUsageError(`${what} ${text}: expected a positive whole number`);
  return value;
}

export function parseBenchOptions(argv: string[]): BenchOptions | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        quick: { type: "boolean" }, sizes: { type: "string" }, corpus: { type: "string" }, runs: { type: "string" },
        json: { type: "string" }, profile: { type: "boolean" }, keep: { type: "boolean" }, "no-build": { type: "boolean" },
        timeout: { type: "string" }, node: { type: "string" }, help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new BenchUsageError((error as Error).message);
  }
  if (values.help) return "help";
  const quick = values.quick ?? false;
  const sizes = pairs(values.sizes ?? (quick ? "6x10" : "50x20,200x25"), "--sizes").map(([clusters, releases]) => ({ clusters, releases }));
  // Fewer than 5 releases leaves no web-app release, whose values file the re-render changes.
  for (const size of sizes) if (size.releases < 5) throw new BenchUsageError(`--sizes ${size.clusters}x${size.releases}: use at least 5 releases per cluster`);
  const [[files, documentsPerFile]] = pairs(values.corpus ?? (quick ? "200x2" : "5000x2"), "--corpus");
  return {
    sizes,
    corpus: { files, documentsPerFile },
    runs: values.runs ? positive(values.runs, "--runs") : quick ? 1 : 3,
    json: values.json,
    profile: values.profile ?? false,
    keep: values.keep ?? false,
    build: !values["no-build"],
    node: values.node ?? process.execPath,
    timeoutMs: (values.timeout ? positive(values.timeout, "--timeout") : 600) * 1000,
  };
}
