/** "1.18" -> [1, 18]; undefined when the text is not a MAJOR.MINOR version. */
export function parseMinor(version: string): [number, number] | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(String(version).trim());
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** Compares two MAJOR.MINOR versions: negative, zero or positive. */
export function compareMinor(a: string, b: string): number {
  const pa = parseMinor(a);
  const pb = parseMinor(b);
  if (!pa || !pb) throw new Error(`not a Kubernetes version: "${pa ? b : a}" (expected e.g. "1.19")`);
  return pa[0] - pb[0] || pa[1] - pb[1];
}

/** Whether `version` satisfies a range such as ">=1.19", "<1.25" or ">=1.16 <1.25". */
export function satisfiesRange(version: string, range: string): boolean {
  return range.trim().split(/\s+/).every((part) => {
    const match = /^(>=|<=|>|<|=)?(.+)$/.exec(part);
    if (!match) return false;
    const cmp = compareMinor(version, match[2]);
    switch (match[1] ?? "=") {
      case ">=": return cmp >= 0;
      case "<=": return cmp <= 0;
      case ">": return cmp > 0;
      case "<": return cmp < 0;
      default: return cmp === 0;
    }
  });
}
