/**
 * Turns the measurements into rows with the issue's targets (benchmark figures, never test
 * assertions) and prints them as a table.
 */
import type { RealSetResult } from "./real-set.js";
import type { Series } from "./run-timed.js";

export interface SizeResult {
  size: string;
  clusters: number;
  releasesPerCluster: number;
  resources: number;
  files: number;
  /** `kforge check` after a render, whose cache serves the unchanged releases; every cluster linted. */
  check: Series;
  /** `kforge check` after one values file changed and was rendered: one cluster linted, the others' findings from the last check. */
  checkLoop: Series;
  /** `kforge check` without .kforge-cache, as on a fresh clone. */
  checkCold: Series;
  render: Series;
  rerender: Series;
  /** `kubectl kustomize` of every tree; undefined when kubectl is absent. */
  kustomize?: Series;
}

export interface CorpusResult {
  /** Which corpus: "few defects", "findings in most files" or "a finding in every file". */
  label: string;
  files: number;
  documents: number;
  defects: Record<string, number>;
  findings: { errors: number; warnings: number };
  lint: Series;
  kubeconform?: Series;
}

export interface Row {
  measurement: string;
  /** kforge's median (ms), peak memory (MiB), or a growth factor (x). */
  kforge: number;
  unit: "ms" | "MiB" | "x";
  /** kforge's median CPU time (user + system), for time rows. */
  kforgeCpu?: number;
  peer?: { name: string; median: number; cpuMedian?: number };
  /** kforge / peer (wall time): below 1 means kforge is faster. Targets are judged on it. */
  ratio?: number;
  /** kforge / peer in CPU time: steadier than wall time on a busy machine. */
  cpuRatio?: number;
  target: string;
  /** undefined when the target cannot be judged here (no peer, or not this size). */
  met?: boolean;
}

const cpuRatio = (a: Series, b: Series | undefined) => (b && a.cpuMedianMs && b.cpuMedianMs ? a.cpuMedianMs / b.cpuMedianMs : undefined);
const all = (checks: (boolean | undefined)[]) => (checks.includes(false) ? false : checks.includes(undefined) ? undefined : true);

/** The issue's target for the small real set with CRDs: at most 1.5x kubeconform. */
const REAL_SET_TARGET = 1.5;

export function buildRows(sizes: readonly SizeResult[], corpora: readonly CorpusResult[], peerNames: { kustomize: string; kubeconform: string }, realSet?: RealSetResult): Row[] {
  const rows: Row[] = [];
  for (const s of sizes) {
    const reference = s.size === "50x20";
    const checkRow = (series: Series, what: string): Row => {
      const ratio = s.kustomize && series.medianMs / s.kustomize.medianMs;
      return {
        measurement: `check ${s.size} ${what}`, kforge: series.medianMs, kforgeCpu: series.cpuMedianMs, unit: "ms",
        peer: s.kustomize && { name: peerNames.kustomize, median: s.kustomize.medianMs, cpuMedian: s.kustomize.cpuMedianMs }, ratio, cpuRatio: cpuRatio(series, s.kustomize),
        target: reference ? "< 1000 ms, ratio <= 1" : "ratio <= 1",
        met: all([reference ? series.medianMs < 1000 : true, ratio === undefined ? undefined : ratio <= 1]),
      };
    };
    rows.push(checkRow(s.check, `(${s.resources} resources; after a render: releases from its cache, every cluster linted)`));
    rows.push(checkRow(s.checkLoop, "after one values file changed and was rendered (one cluster linted, the others' findings from the last check)"));
    const coldRatio = s.kustomize && s.checkCold.medianMs / s.kustomize.medianMs;
    rows.push({
      measurement: `check ${s.size} without .kforge-cache (a fresh clone)`, kforge: s.checkCold.medianMs, kforgeCpu: s.checkCold.cpuMedianMs, unit: "ms",
      peer: s.kustomize && { name: peerNames.kustomize, median: s.kustomize.medianMs, cpuMedian: s.kustomize.cpuMedianMs }, ratio: coldRatio, cpuRatio: cpuRatio(s.checkCold, s.kustomize),
      target: reference ? "< 1000 ms" : "", met: reference ? s.checkCold.medianMs < 1000 : undefined,
    });
    rows.push({ measurement: `render ${s.size} (writes ${s.files} files)`, kforge: s.render.medianMs, kforgeCpu: s.render.cpuMedianMs, unit: "ms", target: "" });
    rows.push({
      measurement: `re-render ${s.size} (one values file changed)`, kforge: s.rerender.medianMs, kforgeCpu: s.rerender.cpuMedianMs, unit: "ms",
      target: reference ? "< 300 ms" : "", met: reference ? s.rerender.medianMs < 300 : undefined,
    });
    const rss = Math.max(s.check.maxRssMb ?? 0, s.render.maxRssMb ?? 0, s.rerender.maxRssMb ?? 0);
    rows.push({
      measurement: `peak memory ${s.size}`, kforge: rss, unit: "MiB",
      peer: s.kustomize?.maxRssMb !== undefined ? { name: `${peerNames.kustomize} (one tree)`, median: s.kustomize.maxRssMb } : undefined,
      target: s.size === "200x25" ? "< 1024 MiB" : "", met: s.size === "200x25" ? rss < 1024 : undefined,
    });
  }
  if (sizes.length >= 2) {
    // CPU time when every size has it: wall time follows whatever else the machine is doing.
    const cpu = sizes.every((s) => s.check.cpuMedianMs !== undefined);
    const perResource = sizes.map((s) => (cpu ? s.check.cpuMedianMs! : s.check.medianMs) / s.resources);
    const growth = perResource[perResource.length - 1] / perResource[0];
    rows.push({
      measurement: `check ${cpu ? "cpu " : ""}ms per resource, ${sizes[0].size} -> ${sizes[sizes.length - 1].size}: ${perResource.map((p) => p.toFixed(2)).join(" -> ")}`,
      kforge: growth, unit: "x", target: "linear: growth <= 1.25x", met: growth <= 1.25,
    });
  }
  for (const corpus of corpora) {
    const ratio = corpus.kubeconform && corpus.lint.medianMs / corpus.kubeconform.medianMs;
    rows.push({
      measurement: `lint corpus, ${corpus.label} (${corpus.files} files, ${corpus.documents} documents, ${corpus.findings.errors + corpus.findings.warnings} errors and warnings)`, kforge: corpus.lint.medianMs, kforgeCpu: corpus.lint.cpuMedianMs, unit: "ms",
      peer: corpus.kubeconform && { name: peerNames.kubeconform, median: corpus.kubeconform.medianMs, cpuMedian: corpus.kubeconform.cpuMedianMs }, ratio,
      cpuRatio: cpuRatio(corpus.lint, corpus.kubeconform),
      target: "ratio <= 1.0", met: ratio === undefined ? undefined : ratio <= 1,
    });
    rows.push({
      measurement: `peak memory lint corpus, ${corpus.label}`, kforge: corpus.lint.maxRssMb ?? 0, unit: "MiB",
      peer: corpus.kubeconform?.maxRssMb !== undefined ? { name: peerNames.kubeconform, median: corpus.kubeconform.maxRssMb } : undefined, target: "",
    });
  }
  if (realSet) rows.push(...realSetRows(realSet, peerNames.kubeconform));
  return rows;
}

function realSetRows(set: RealSetResult, kubeconform: string): Row[] {
  const peer = set.kubeconform && { name: `${kubeconform} -ignore-missing-schemas`, median: set.kubeconform.medianMs, cpuMedian: set.kubeconform.cpuMedianMs };
  const row = (how: string, lint: Series): Row => {
    const ratio = set.kubeconform && lint.medianMs / set.kubeconform.medianMs;
    return {
      measurement: `lint corpus, real set with CRDs (${set.files} files, ${set.megabytes.toFixed(1)} MB), ${how}`, kforge: lint.medianMs, kforgeCpu: lint.cpuMedianMs, unit: "ms",
      peer, ratio, cpuRatio: cpuRatio(lint, set.kubeconform), target: `ratio <= ${REAL_SET_TARGET}`, met: ratio === undefined ? undefined : ratio <= REAL_SET_TARGET,
    };
  };
  return [row("cold (no .kforge-cache, as in CI)", set.cold), row("warm (CRD verdicts and validators from .kforge-cache)", set.warm)];
}

function amount(value: number, unit: Row["unit"], cpu?: number): string {
  if (unit === "x") return `${value.toFixed(2)}x`;
  const whole = (n: number) => Math.round(n).toLocaleString("en-US");
  return `${whole(value)} ${unit}${cpu === undefined ? "" : ` (cpu ${whole(cpu)})`}`;
}

export function formatTable(rows: readonly Row[], peersPresent: { kustomize: boolean; kubeconform: boolean }): string {
  const header = ["measurement", "kforge median (cpu)", "peer median (cpu)", "ratio (cpu)", "target", "met?"];
  const cells = rows.map((r) => {
    const peerAbsent = r.measurement.startsWith("lint corpus") ? !peersPresent.kubeconform : r.measurement.startsWith("check ") && r.unit === "ms" ? !peersPresent.kustomize : false;
    return [
      r.measurement,
      amount(r.kforge, r.unit, r.kforgeCpu),
      r.peer ? `${amount(r.peer.median, r.unit, r.peer.cpuMedian)} ${r.peer.name}` : peerAbsent ? "absent" : "",
      r.ratio === undefined ? "" : `${r.ratio.toFixed(2)}${r.cpuRatio === undefined ? "" : ` (${r.cpuRatio.toFixed(2)})`}`,
      r.target,
      r.met === undefined ? (r.target ? "n/a" : "") : r.met ? "yes" : "NO",
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.map(line)].join("\n");
}
