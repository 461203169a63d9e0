type Data = Record<string, unknown>;

/** `over` laid on `base`: mappings merge key by key; lists and scalars replace. Inputs are not changed. */
export function deepMerge(base: Data, over: Data): Data {
  const out: Data = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    // defineProperty: a `__proto__` key from a values file must stay a plain key.
    Object.defineProperty(out, key, {
      value: isMapping(current) && isMapping(value) ? deepMerge(current, value) : value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function isMapping(value: unknown): value is Data {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
