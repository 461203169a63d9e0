/**
 * Reads a V8 .cpuprofile (what `node --cpu-prof` writes) into the figures an optimizer needs:
 * the functions with the most self time; self time per area (a package, a kforge source file,
 * GC); kforge functions by attributed time (each sample charged to the innermost kforge
 * function on the stack: its own code plus the library code it calls, so `parseOutput` owns
 * the yaml parsing it asks for); and kforge functions by inclusive time (self plus all
 * callees; meaningful for synchronous code such as lint rules, not across `await`).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

export interface Hotspot { name: string; where: string; ms: number; percent: number }

export interface ProfileSummary {
  totalMs: number;
  self: Hotspot[];
  areas: Hotspot[];
  kforgeAttributed: Hotspot[];
  kforgeInclusive: Hotspot[];
}

export function readCpuProfile(dir: string): CpuProfile {
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error(`no .cpuprofile written in ${dir}`);
  return JSON.parse(readFileSync(join(dir, file), "utf8")) as CpuProfile;
}

const GENERATED = "generated code (ajv validators, compiled Handlebars templates)";
const NATIVE = "native (fs, V8 built-ins)";

/** Code without a URL: V8 pseudo-frames "(garbage collector)", native functions (no line), or `new Function` code. */
function unnamed(frame: CallFrame): string {
  if (frame.functionName.startsWith("(")) return frame.functionName;
  return frame.lineNumber < 0 ? NATIVE : GENERATED;
}

const isKforge = (frame: CallFrame) => frame.url.includes("/dist/") && !frame.url.includes("node_modules");

/** Where a frame's code lives, short: "yaml/dist/parse/parser.js:164", "dist/render/emit-yaml.js:20". */
function where(frame: CallFrame): string {
  if (!frame.url) return frame.functionName.startsWith("(") ? "" : unnamed(frame);
  const url = frame.url.replace(/^file:\/\//, "");
  const modules = url.lastIndexOf("node_modules/");
  const short = modules >= 0 ? url.slice(modules + "node_modules/".length) : url.includes("/dist/") ? url.slice(url.lastIndexOf("/dist/") + 1) : url;
  return `${short}:${frame.lineNumber + 1}`;
}

/** The area a frame's self time is charged to: an npm package, a kforge file, node internals or V8. */
function area(frame: CallFrame): string {
  const url = frame.url;
  if (!url) return unnamed(frame);
  if (url.startsWith("node:")) return "node internals";
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const parts = url.slice(modules + "node_modules/".length).split("/");
    return `npm ${parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]}`;
  }
  if (url.includes("/dist/")) return `kforge ${url.slice(url.lastIndexOf("/dist/") + "/dist/".length)}`;
  return url;
}

function top(totals: Map<string, number>, totalMs: number, count: number, split: (key: string) => [string, string]): Hotspot[] {
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, count).map(([key, ms]) => {
    const [name, at] = split(key);
    return { name, where: at, ms, percent: (100 * ms) / totalMs };
  });
}

export function summarizeProfile(profile: CpuProfile, count = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const areas = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const attributed = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
  const keyOf = (f: CallFrame) => `${f.functionName || "(anonymous)"}\t${where(f)}`;
  let totalMs = 0;
  profile.samples.forEach((id, index) => {
    const ms = profile.timeDeltas[index] / 1000;
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === "(idle)") return;
    totalMs += ms;
    add(self, keyOf(frame), ms);
    add(areas, area(frame), ms);
    // Inclusive: each kforge function on the stack, once per sample (recursion counted once).
    // Attributed: the innermost kforge function only; samples with none go to their own area.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)!.callFrame;
      if (!isKforge(f)) continue;
      if (seen.size === 0) add(attributed, keyOf(f), ms);
      if (!seen.has(keyOf(f))) add(inclusive, keyOf(f), ms);
      seen.add(keyOf(f));
    }
    if (seen.size === 0) add(attributed, `(outside kforge code)\t${area(frame)}`, ms);
  });
  const split = (key: string) => key.split("\t") as [string, string];
  return {
    totalMs,
    self: top(self, totalMs, count, split),
    areas: top(areas, totalMs, count, (key) => [key, ""]),
    kforgeAttributed: top(attributed, totalMs, count, split),
    kforgeInclusive: top(inclusive, totalMs, count, split),
  };
}

export function formatProfile(title: string, summary: ProfileSummary): string {
  const line = (h: Hotspot) => `  ${h.ms.toFixed(0).padStart(7)} ms ${h.percent.toFixed(1).padStart(5)}%  ${h.name}${h.where ? `  (${h.where})` : ""}`;
  return [
    `${title}: ${summary.totalMs.toFixed(0)} ms of CPU samples (idle excluded)`,
    "Top self time (function, where):",
    ...summary.self.map(line),
    "Self time by area:",
    ...summary.areas.map(line),
    "kforge functions by attributed time (own code + the library code they call; GC, start-up and I/O outside):",
    ...summary.kforgeAttributed.map(line),
    "kforge functions by inclusive time (self + callees):",
    ...summary.kforgeInclusive.map(line),
  ].join("\n");
}
