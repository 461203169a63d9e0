import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { readDocumentsFast } from "../yaml/fast-read.js";
import { PACKAGE_ROOT } from "../package-root.js";
import { compareMinor } from "../render/kube-version.js";

interface Introduction {
  apiVersion: string;
  kind: string;
  since: string;
}

let table: Map<string, string> | undefined;

function introductions(): Map<string, string> {
  if (!table) {
    const text = readFileSync(join(PACKAGE_ROOT, "data", "api-introductions.yaml"), "utf8");
    const entries = (readDocumentsFast(text)?.[0] ?? parse(text)) as Introduction[];
    table = new Map(entries.map((e) => [`${e.apiVersion} ${e.kind}`, e.since]));
  }
  return table;
}

/**
 * The release that first served `apiVersion kind`, when that is later than `kubernetesVersion`
 * (from data/api-introductions.yaml, which covers what the shipped schema sets cannot tell).
 */
export function servedLaterThan(apiVersion: string, kind: string, kubernetesVersion: string): string | undefined {
  const since = introductions().get(`${apiVersion} ${kind}`);
  return since !== undefined && compareMinor(kubernetesVersion, since) < 0 ? since : undefined;
}
