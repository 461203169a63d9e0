/**
 * YAML text for values that must read back as exactly the same data, under YAML 1.1 (kubectl,
 * Go tooling) and YAML 1.2 alike. Used wherever a value from a pull request reaches YAML.
 */

/** Words some YAML reader resolves to a boolean or null. */
const KEYWORD = /^(y|n|yes|no|on|off|true|false|null)$/i;
/** Strings safe to write plain in any context, including inside flow collections. */
const PLAIN_ANYWHERE = /^[A-Za-z_][A-Za-z0-9_./-]*$/;
/** Strings safe to write plain as a block-context value (`key: value`, `- value`). */
const PLAIN_BLOCK = /^[A-Za-z_/][A-Za-z0-9_./@%+=-]*(:[A-Za-z0-9_./@%+=-]+)*$/;

/** One-line YAML node (flow style) for any JSON-like value. Safe inside flow collections. */
export function flowNode(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `[${value.map(flowNode).join(", ")}]`;
  switch (typeof value) {
    case "string":
      return PLAIN_ANYWHERE.test(value) && !KEYWORD.test(value) ? value : quoted(value);
    case "number":
      return numberText(value);
    case "boolean":
      return value ? "true" : "false";
    case "object":
      return `{${Object.entries(value as object).map(([k, v]) => `${flowNode(k)}: ${flowNode(v)}`).join(", ")}}`;
    default:
      throw new TypeError(`cannot write a ${typeof value} as YAML`);
  }
}

/** Kubernetes quantities ("500m", "256Mi") and Go durations ("10s", "1h30m"): strings to every YAML reader. */
const QUANTITY = /^[0-9]+(\.[0-9]+)?(m|k|Ki|Mi|Gi|Ti|Pi|Ei|M|G|T|P)$/;
const DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h))+$/;

/** A scalar written as a block-context value or key: plain when unambiguous, else double-quoted. */
export function blockScalar(value: string | number | boolean | null): string {
  if (typeof value !== "string") return flowNode(value);
  if (QUANTITY.test(value) || DURATION.test(value)) return value;
  return PLAIN_BLOCK.test(value) && !KEYWORD.test(value) ? value : quoted(value);
}

/** A double-quoted YAML scalar: JSON's escapes are a subset of YAML's, plus the few JSON leaves raw. */
export function quoted(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Numbers in a form both YAML 1.1 (needs a dot and a signed exponent) and 1.2 read as the same number. */
export function numberText(n: number): string {
  if (Number.isNaN(n)) return ".nan";
  if (!Number.isFinite(n)) return n > 0 ? ".inf" : "-.inf";
  const text = String(n);
  if (!/e/i.test(text)) return text;
  const [mantissa, exponent] = text.split(/e/i);
  const sign = exponent.startsWith("-") ? "-" : "+";
  return `${mantissa.includes(".") ? mantissa : `${mantissa}.0`}e${sign}${exponent.replace(/^[-+]/, "")}`;
}
