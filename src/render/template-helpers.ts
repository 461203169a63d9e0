import Handlebars from "handlebars";
import { compareMinor } from "./kube-version.js";
import { rewriteImage } from "./image-rewrite.js";
import { VALUE_MARK, VALUE_MARK_END } from "./line-markers.js";
import type { RenderState } from "./render-state.js";
import { TemplateError } from "./template-error.js";
import { flowNode } from "./yaml-scalar.js";
import { unwrap, type Access } from "./value-tracker.js";
import { didYouMean, suggestValuePath } from "./value-suggestion.js";

type Options = Handlebars.HelperOptions & { loc?: { start: { line: number; column: number } } };

/** The helper every interpolation is rewritten to call: see compile-template.ts. */
export const EMIT_HELPER = "kforge-emit";

function stateOf(options: Options): RenderState {
  return (options.data as { kforge: RenderState }).kforge;
}

function lineOf(options: Options): number {
  return options.loc?.start.line ?? 0;
}

function defined(value: unknown, what: string, options: Options, guess?: string): unknown {
  if (value === undefined) {
    throw new TemplateError("template-missing-value", `${what} has no value${didYouMean(guess)}`, lineOf(options), (options.loc?.start.column ?? 0) + 1, "set it in the values, give it a default in values.schema.json, or guard it with {{#if ...}}");
  }
  return unwrap(value);
}

/** Writes `value` as a YAML node via a marker; leaves of collections get their own origins. */
function emit(value: unknown, line: number, text: string, options: Options, context: unknown): Handlebars.SafeString {
  const state = stateOf(options);
  const guess = value === undefined ? suggestValuePath(text, [(options.data as { root?: unknown } | undefined)?.root, context]) : undefined;
  const raw = defined(value, `\`${text}\``, options, guess);
  const read = state.tracker.takeRead(value);
  return new Handlebars.SafeString(marker(state, raw, read));
}

function marker(state: RenderState, raw: unknown, read: Access | undefined): string {
  let text: string;
  if (raw !== null && typeof raw === "object") {
    const child = (key: string | number, v: unknown) =>
      marker(state, v, read && read.value === raw ? { value: v, path: [...read.path, key], resolve: read.resolve } : undefined);
    text = Array.isArray(raw)
      ? `[${raw.map((v, i) => child(i, v)).join(", ")}]`
      : `{${Object.entries(raw).map(([k, v]) => `${flowNode(k)}: ${child(k, v)}`).join(", ")}}`;
  } else {
    text = flowNode(raw);
  }
  const id = state.emissions.push({ text, origin: read?.resolve(read.path) }) - 1;
  return `${VALUE_MARK}${id}${VALUE_MARK_END}`;
}

function version(value: unknown, helper: string, options: Options): string {
  const v = unwrap(value);
  if (typeof v !== "string" && typeof v !== "number") {
    throw new TemplateError("template-syntax", `${helper} needs a version such as "1.19"`, lineOf(options), 1);
  }
  return String(v);
}

/** Every helper a template may call. Anything else is a compile error (knownHelpersOnly). */
export const HELPERS: Record<string, (...args: any[]) => unknown> = {
  // A function, not an arrow: Handlebars passes the block's context as `this`.
  [EMIT_HELPER]: function (this: unknown, value, line, text, options) {
    return emit(value, line, text, options, this);
  },
  kubeAtLeast: (v, options: Options) => compareMinor(stateOf(options).kubernetesVersion, version(v, "kubeAtLeast", options)) >= 0,
  kubeBelow: (v, options: Options) => compareMinor(stateOf(options).kubernetesVersion, version(v, "kubeBelow", options)) < 0,
  eq: (a, b) => unwrap(a) === unwrap(b),
  ne: (a, b) => unwrap(a) !== unwrap(b),
  gt: (a, b) => (unwrap(a) as number) > (unwrap(b) as number),
  lt: (a, b) => (unwrap(a) as number) < (unwrap(b) as number),
  not: (a) => !unwrap(a),
  and: (...args) => args.slice(0, -1).every((a) => Boolean(unwrap(a))),
  or: (...args) => args.slice(0, -1).some((a) => Boolean(unwrap(a))),
  default: (value, fallback) => (value === undefined || value === null ? fallback : value),
  concat: (...args) => {
    const options = args.pop() as Options;
    return args.map((a, i) => {
      const v = defined(a, `argument ${i + 1} of concat`, options);
      if (v !== null && typeof v === "object") throw new TemplateError("template-syntax", `argument ${i + 1} of concat is a collection, not text`, lineOf(options), 1);
      return String(v);
    }).join("");
  },
  image: (ref, options: Options) => {
    const v = defined(ref, "the image reference", options);
    if (typeof v !== "string") throw new TemplateError("template-syntax", "image needs an image reference string", lineOf(options), 1);
    return rewriteImage(v, stateOf(options).imageRewrite);
  },
};

export const KNOWN_HELPERS: Record<string, boolean> = {
  ...Object.fromEntries(Object.keys(HELPERS).map((name) => [name, true])),
  // Built-ins that read arbitrary properties or write to the console are not offered.
  lookup: false,
  log: false,
};
