/** What the figures were measured on, for the report and the JSON. */
import { execFileSync } from "node:child_process";
import { cpus, freemem, loadavg, totalmem, platform, release } from "node:os";

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  freeMemoryGiB: number;
  /** The Node.js version that runs kforge. */
  node: string;
  os: string;
  /** 1-minute load average when the run started: other processes on the machine skew wall times. */
  loadAverage: number;
}

export function describeMachine(node: string = process.execPath): Machine {
  const list = cpus();
  const gib = (bytes: number) => Math.round((bytes / 1024 ** 3) * 10) / 10;
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? "unknown",
    memoryGiB: gib(totalmem()),
    freeMemoryGiB: gib(freemem()),
    node: node === process.execPath ? process.version : execFileSync(node, ["--version"], { encoding: "utf8" }).trim(),
    os: `${platform()} ${release()}`,
    loadAverage: Math.round(loadavg()[0] * 100) / 100,
  };
}
