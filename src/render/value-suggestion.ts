import { closestName } from "../diagnostics/closest-name.js";

/**
 * For a value path a template reads and that has no value (`values.replcas`), the path it most
 * likely meant (`values.replicas`), looked up in the given contexts (the template's root, then
 * the block's own `this`). Undefined when the path is no plain dotted path or nothing is close.
 */
export function suggestValuePath(text: string, contexts: unknown[]): string | undefined {
  if (!/^[A-Za-z_][\w-]*(\.[\w-]+)*$/.test(text)) return undefined;
  const parts = text.split(".");
  for (const context of contexts) {
    let node: unknown = context;
    for (let i = 0; i < parts.length; i++) {
      if (node === null || typeof node !== "object" || Array.isArray(node)) break;
      if (Object.hasOwn(node, parts[i])) {
        node = (node as Record<string, unknown>)[parts[i]];
        continue;
      }
      // A miss at the first part from a context that has none of the path is no guess to make.
      const guess = closestName(parts[i], Object.keys(node));
      if (guess) return [...parts.slice(0, i), guess, ...parts.slice(i + 1)].join(".");
      break;
    }
  }
  return undefined;
}

/** " (did you mean `x`?)" or "". */
export function didYouMean(guess: string | undefined): string {
  return guess ? ` (did you mean \`${guess}\`?)` : "";
}
