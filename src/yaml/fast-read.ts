import jsyaml from "js-yaml";
import { withoutScalarInteriors } from "./scalar-interiors.js";

/**
 * A fast reader for the common case: plain Kubernetes YAML with no anchors, tags, directives or
 * YAML 1.1 look-alikes. It reads with js-yaml (several times faster than the `yaml` package,
 * but without positions) and gives exactly the values the `yaml` package gives with its YAML 1.2
 * core schema, which the rest of kforge reads with. Any text that uses a feature where the two
 * could differ, or that js-yaml rejects, is declined (`undefined`): the caller then reads it
 * with the `yaml` package, which reports problems with positions. Positions for documents that
 * get findings come from that full parse too, done lazily.
 */
export function readDocumentsFast(text: string): unknown[] | undefined {
  if (NEEDS_FULL_PARSER.test(text)) {
    const scanned = withoutScalarInteriors(text);
    if (scanned === undefined || NEEDS_FULL_PARSER.test(scanned)) return undefined;
  }
  sawYaml11Lookalike = false;
  let documents: unknown[];
  try {
    documents = jsyaml.loadAll(text, undefined, { schema: YAML12_CORE, json: false });
  } catch {
    return undefined;
  }
  // `yaml-ambiguity` reports these with positions, so the full parser reads this text.
  return sawYaml11Lookalike ? undefined : documents;
}

/**
 * Set while reading when a plain scalar is one YAML 1.1 reads differently (a superset of
 * yaml11-ambiguity.ts). js-yaml offers every plain scalar, keys included, to the first implicit
 * type, so the null type below sees them all.
 */
let sawYaml11Lookalike = false;
const YAML11_LOOKALIKE = /^(?:[yYnN]|[Yy]es|YES|[Nn]o|NO|[Oo]n|ON|[Oo]ff|OFF|[-+]?0[0-7_]+|[-+]?0b[01_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|[-+]?[0-9][0-9_]*_[0-9_.]*)$/;

/** First characters of every null, bool, int and float below, and of every YAML 1.1 look-alike. */
const MAYBE_NOT_A_STRING = new Set([..."~nNtTfFyYoO0123456789+-."]);
/** First characters of the YAML 1.1 look-alikes (y, n, yes, no, on, off, numbers). */
const MAYBE_YAML11 = new Set([..."yYnNoO0123456789+-"]);
/** First characters of null (besides the empty scalar), bool, and int or float. */
const MAYBE_NULL = new Set([..."~nN"]);
const MAYBE_BOOL = new Set([..."tTfF"]);
const MAYBE_NUMBER = new Set([..."0123456789+-."]);

// The plain scalars of the `yaml` package's core schema (its test patterns, same conversions).
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT = /^[-+]?[0-9]+$/;
const INT_OCT = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

const YAML12_CORE = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    new jsyaml.Type("tag:yaml.org,2002:null", {
      kind: "scalar",
      resolve: (s: string) => {
        // Most plain scalars are names and words: the first character rules out every pattern.
        if (s === "") return true;
        if (!MAYBE_NOT_A_STRING.has(s[0])) return false;
        if (MAYBE_YAML11.has(s[0]) && YAML11_LOOKALIKE.test(s)) sawYaml11Lookalike = true;
        return MAYBE_NULL.has(s[0]) && NULL.test(s);
      },
      construct: () => null,
    }),
    new jsyaml.Type("tag:yaml.org,2002:bool", { kind: "scalar", resolve: (s: string) => MAYBE_BOOL.has(s[0]) && BOOL.test(s), construct: (s: string) => s[0] === "t" || s[0] === "T" }),
    new jsyaml.Type("tag:yaml.org,2002:int", {
      kind: "scalar",
      resolve: (s: string) => MAYBE_NUMBER.has(s[0]) && (INT.test(s) || INT_OCT.test(s) || INT_HEX.test(s)),
      construct: (s: string) => (INT_OCT.test(s) ? parseInt(s.slice(2), 8) : INT_HEX.test(s) ? parseInt(s.slice(2), 16) : parseInt(s, 10)),
    }),
    new jsyaml.Type("tag:yaml.org,2002:float", {
      kind: "scalar",
      resolve: (s: string) => MAYBE_NUMBER.has(s[0]) && (FLOAT_SPECIAL.test(s) || FLOAT.test(s)),
      construct: (s: string) => (FLOAT_SPECIAL.test(s) ? (s.slice(-3).toLowerCase() === "nan" ? NaN : s[0] === "-" ? -Infinity : Infinity) : parseFloat(s)),
    }),
  ],
});

/**
 * Where a node can start, so where an anchor, alias or tag can be: at a line's start (after its
 * indentation), after a `:`, `-` or `?` indicator and blanks, after a `,`, after a `[` or `{` that
 * itself opens a flow collection where a node can start, or after a JSON-like `"key":`. Inside a
 * scalar (`x && y`, `.items[*].name`) these characters are text.
 */
const NODE_START = String.raw`(?:^[ \t]*|[:?-][ \t]+|,[ \t]*|["']:|(?:^[ \t]*|[:?,\[{-][ \t]*|["']:)[\[{][ \t]*)`;

/**
 * Features the fast reader leaves to the `yaml` package, matched loosely (a false match only
 * costs speed). Each alternative starts with a character to look for and checks what comes
 * before it with a lookbehind, which keeps the scan fast.
 * - directives (`%YAML 1.1` changes the schema), and text on the `---` or `...` line (js-yaml
 *   takes `---a: 1` for a document start, and `--- a: 1` for a mapping);
 * - anchors and aliases (the `yaml` package limits alias expansion; js-yaml shares objects),
 *   wherever a node can start (NODE_START);
 * - tags, including `!` (schemas differ);
 * - explicit (`? `) and flow-collection keys, empty and null keys (stringified differently);
 * - a document that is only a null scalar (the full parser reports it as not a mapping, while
 *   an empty document is skipped: js-yaml gives null for both).
 * Plain scalars that YAML 1.1 reads differently are caught exactly, while reading (see NULL_TYPE).
 */
const NEEDS_FULL_PARSER = new RegExp(
  [
    String.raw`%(?<=^%)`,
    String.raw`(?:---|\.\.\.)(?<=^(?:---|\.\.\.))(?:\S|[ \t]+[^\s#])`,
    String.raw`[&*!](?<=${NODE_START}[&*!])`,
    // An explicit key starts an entry: at a line's start (in a sequence too) or after flow punctuation.
    String.raw`\?(?<=(?:^[ \t]*(?:-[ \t]+)*|[\[{,][ \t]*|[:?-][ \t]+)\?)(?=\s|$)`,
    String.raw`:(?<=[\]}][ \t]*:)(?=\s|$)`,
    String.raw`:(?<=(?:^[ \t]*(?:-[ \t]+)*|[\[{,][ \t]*)(?:~|[Nn]ull|NULL)?[ \t]*:)(?=\s|$)`,
    String.raw`^(?:---[ \t]+)?(?:~|[Nn]ull|NULL)[ \t]*(?:#.*)?$`,
  ].join("|"),
  "m",
);
