import { isDeepStrictEqual } from "node:util";

/**
 * Paths of the fields that differ between two manifests, as people write them:
 * `spec.replicas`, `spec.template.spec.containers[0].image`, `metadata.labels["app.kubernetes.io/name"]`.
 * A field present on one side only is reported once, at its own path (not every leaf under it).
 */
export function changedFields(before: unknown, after: unknown): string[] {
  const out: string[] = [];
  walk(before, after, "", out);
  return out;
}

function walk(before: unknown, after: unknown, path: string, out: string[]): void {
  if (isDeepStrictEqual(before, after)) return;
  if (isMapping(before) && isMapping(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) {
      const child = joinKey(path, key);
      if (before[key] === undefined || after[key] === undefined) {
        if (before[key] !== after[key]) out.push(child);
      } else walk(before[key], after[key], child, out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      const child = `${path}[${i}]`;
      if (i >= before.length || i >= after.length) out.push(child);
      else walk(before[i], after[i], child, out);
    }
    return;
  }
  out.push(path || "(whole object)");
}

function joinKey(path: string, key: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
