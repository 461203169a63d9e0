/**
 * Every code kforge reports for a problem that is not a lint rule: input errors (cluster,
 * blueprint, values, template and policy files) and generated-tree problems. Each has a title,
 * an explanation and a fix, shown by `kforge explain CODE` and docs/codes.md; the code union
 * is derived from this table, so a code without an entry does not compile.
 */
export interface CodeInfo {
  /** One line: what the code reports. */
  title: string;
  /** Why it is a problem. */
  explanation: string;
  /** What to do about it (the default fix when a diagnostic gives none). */
  fix: string;
  /** Generated-tree problems the render fixes; input errors are always errors. */
  severity?: "error" | "warning";
}

const RENDER_AND_COMMIT = "Run `kforge render` and commit the result.";

export const INPUT_CODES = {
  "blueprint-missing": {
    title: "A release names a blueprint that does not exist under blueprints/.",
    explanation: "Without the blueprint there are no templates to render the release with.",
    fix: "Correct the blueprint name in the cluster file, or add blueprints/<name>/ with blueprint.yaml, values.schema.json and templates/.",
  },
  "blueprint-schema": {
    title: "A blueprint's blueprint.yaml or values.schema.json is invalid (an object schema with properties that does not set additionalProperties: false included), or the blueprint does not support the cluster's Kubernetes version.",
    explanation: "The blueprint cannot be used as written: its metadata, its values schema or its supported Kubernetes range is wrong for this cluster.",
    fix: "Fix the blueprint file at the position shown, or render the release on a cluster whose Kubernetes version the blueprint supports.",
  },
  "cluster-schema": {
    title: "A clusters/<name>/cluster.yaml does not match the Cluster schema.",
    explanation: "kforge cannot tell which releases to render, for which Kubernetes version, or how to wire GitOps for the cluster.",
    fix: "Fix the field at the position shown; schemas/cluster.schema.json lists every field.",
  },
  "control-character": {
    title: "A name or path contains a control character.",
    explanation: "Names and paths become file names and YAML comments; control characters could hide text or break the generated files.",
    fix: "Remove the control character (tabs, escapes, line breaks) from the name or path.",
  },
  "duplicate-output": {
    title: "A release renders two resources to the same file.",
    explanation: "Each resource gets its own file named after its kind and name; two resources with one name (or names that differ only in case) would overwrite each other.",
    fix: "Give each resource a distinct name.",
  },
  "file-missing": {
    title: "A file kforge needs is not there.",
    explanation: "A required input (a blueprint's values schema, a template folder, a values file) cannot be read.",
    fix: "Add the file, or correct the path that names it.",
  },
  "file-too-large": {
    title: "A file kforge reads is larger than its limit (values files 8 MiB, manifest files 64 MiB).",
    explanation: "Input comes from pull requests: a limit turns a huge file into one clear error instead of minutes of parsing, and values this large cannot fit the objects they fill (the API server stores at most 1.5 MiB per object).",
    fix: "Move large data into files the workload reads, or split the release or the manifest file.",
  },
  "invalid-encoding": {
    title: "A file is not valid UTF-8 text, or contains a NUL or control character.",
    explanation: "Such bytes are invisible in reviews and read differently by different tools; kforge refuses them at their position before any YAML is read.",
    fix: "Save the file as UTF-8 and remove the character at the position shown.",
  },
  "invalid-name": {
    title: "A rendered object's kind, name or namespace is not one the Kubernetes API server accepts.",
    explanation: "The object would be refused on apply, and its name is used as a file path, so it is checked before anything is written.",
    fix: "Use a lower-case DNS name (letters, digits, '-', at most 63 or 253 characters) in the values or template line shown.",
  },
  "policy-schema": {
    title: "A policies/*.yaml file is invalid: an unknown rule id, a bad severity or invalid rule options.",
    explanation: "A policy that cannot be read would silently leave rules at their defaults, or exempt nothing.",
    fix: "Fix the policy at the position shown; `kforge explain` lists the rule ids and their options.",
  },
  "render-hand-edited": {
    title: "A generated file was edited by hand.",
    explanation: "Its text is not laid out as kforge writes it, so someone changed it after the render; the next render replaces the edit and the change is lost.",
    fix: "Make the change in the cluster file, its values or the blueprint instead, then run `kforge render` and commit the result.",
  },
  "render-missing": {
    title: "A file the render generates is not committed.",
    explanation: "GitOps applies what is committed: without the file, the resource does not reach the cluster.",
    fix: RENDER_AND_COMMIT,
  },
  "render-orphaned": {
    title: "A generated file is committed that the render no longer produces.",
    explanation: "It was generated earlier from a release or resource that is gone; left in place, kustomize may still apply it.",
    fix: RENDER_AND_COMMIT,
  },
  "render-stale": {
    title: "A committed generated file differs from what a render produces now.",
    explanation: "A cluster file, values file or blueprint changed without `kforge render`: the cluster would receive the old content, not what the pull request says.",
    fix: RENDER_AND_COMMIT,
  },
  "render-unmanaged": {
    title: "A file without kforge's header sits in a folder kforge generates.",
    explanation: "kforge never touches it, and kustomize only applies it if a kustomization lists it, which kforge's do not: it is probably left over or misplaced.",
    fix: "Move the file out of clusters/<name>/rendered/ or gitops/ (for example into a release's values or a blueprint), or delete it.",
    severity: "warning",
  },
  "template-missing-value": {
    title: "A template reads a value that is not set.",
    explanation: "The rendered field would be empty, which Kubernetes reads differently from what was meant.",
    fix: "Set it in the values, give it a default in values.schema.json, or guard it with {{#if ...}}.",
  },
  "template-output": {
    title: "A template's output is not valid Kubernetes YAML.",
    explanation: "The rendered text could not be read back as manifests (bad indentation, anchors, a document that is not an object).",
    fix: "Fix the template line shown: indent as YAML expects and write each object as one document with apiVersion and kind.",
  },
  "template-syntax": {
    title: "A template has a syntax error or calls a helper wrongly.",
    explanation: "Handlebars cannot compile or run the template.",
    fix: "Fix the template at the position shown.",
  },
  "template-unknown-helper": {
    title: "A template calls a helper kforge does not have.",
    explanation: "Only kforge's own helpers are available to templates.",
    fix: "Use one of the helpers listed in docs/blueprints.md.",
  },
  "template-unsafe": {
    title: "A template uses a construct kforge refuses (unescaped output, partials, decorators, prototype access).",
    explanation: "Templates come from pull requests; kforge only allows constructs that cannot reach outside the values.",
    fix: "Use {{ }} with plain value lookups and kforge's helpers; kforge writes each value as a safe YAML node.",
  },
  "unsafe-path": {
    title: "kforge would write outside clusters/<name>/, through a symbolic link, or over a hand-written file.",
    explanation: "A render only ever writes regular files inside the cluster folders it owns; anything else is refused so a pull request cannot make it overwrite other files.",
    fix: "Remove the link or move the hand-written file out of the generated folder.",
  },
  "values-file": {
    title: "A release's values file cannot be used.",
    explanation: "The file is missing, outside the repository, or not a mapping of value names to values.",
    fix: "Correct valuesFile in the cluster file, or make the file a YAML mapping.",
  },
  "values-schema": {
    title: "A release's values do not match its blueprint's values schema.",
    explanation: "The blueprint would be rendered with values it does not expect: a typo'd key, a wrong type or a value out of range.",
    fix: "Fix the value at the position shown; the blueprint's values.schema.json describes each value.",
  },
} as const satisfies Record<string, CodeInfo>;

export type InputCode = keyof typeof INPUT_CODES;

export function codeInfo(code: string): CodeInfo | undefined {
  return Object.hasOwn(INPUT_CODES, code) ? (INPUT_CODES as Record<string, CodeInfo>)[code] : undefined;
}
