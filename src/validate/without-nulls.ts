/**
 * The API server decodes `field: null` as "not set", so a null optional field is valid and a
 * null required field is missing. Validating a copy without null-valued keys gives exactly that.
 * Returns the value itself (no copy) when it holds no null-valued key, the common case.
 */
export function withoutNulls<T>(value: T): T {
  return (stripped(value) ?? value) as T;
}

/** A copy without null-valued keys, or undefined when there are none. */
function stripped(value: unknown): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      // Holes are skipped, as forEach skips them.
      if (!(index in value)) continue;
      const changed = stripped(value[index]);
      if (changed === undefined) continue;
      copy ??= value.slice();
      copy[index] = changed;
    }
    return copy;
  }
  if (value === null || typeof value !== "object") return undefined;
  let copy: Record<string, unknown> | undefined;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = (value as Record<string, unknown>)[key];
    const changed = item === null ? null : stripped(item);
    if (changed === undefined) continue;
    copy ??= { ...(value as Record<string, unknown>) };
    if (changed === null) delete copy[key];
    else copy[key] = changed;
  }
  return copy;
}
