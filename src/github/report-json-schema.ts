/**
 * Shapes `kforge comment --input` accepts. The files may come from a fork's pull request, so they
 * are checked before any field is read; unknown fields are allowed (newer kforge versions may add
 * some) and ignored, because only known fields are ever copied out.
 */

const text = { type: "string" } as const;
const count = { type: "integer", minimum: 0 } as const;
const position = { type: "integer", minimum: 0 } as const;

const resourceObject = {
  type: "object",
  required: ["kind", "name"],
  properties: { apiVersion: text, kind: text, name: text, namespace: { type: ["string", "null"] } },
} as const;

/** `Kind ns/name` as text, or the identity object kforge prints. */
const resourceRef = { anyOf: [text, resourceObject] } as const;

const finding = {
  type: "object",
  required: ["ruleId", "severity", "message", "file", "line", "column"],
  properties: {
    ruleId: text,
    severity: { enum: ["error", "warning", "info"] },
    message: text,
    file: text,
    line: position,
    column: position,
    endLine: position,
    endColumn: position,
    resource: { anyOf: [{ type: "null" }, resourceObject] },
    remediation: { type: ["string", "null"] },
    source: { anyOf: [{ type: "null" }, { type: "object", required: ["file", "line"], properties: { file: text, line: position, column: position } }] },
    cluster: { type: ["string", "null"] },
  },
} as const;

export const CHECK_JSON_SCHEMA = {
  type: "object",
  required: ["findings", "summary"],
  properties: {
    findings: { type: "array", items: finding },
    summary: {
      type: "object",
      required: ["errors", "warnings"],
      properties: {
        errors: count,
        warnings: count,
        infos: count,
        resources: count,
        exempted: count,
        failed: { type: "boolean" },
        targets: {
          type: "array",
          items: { type: "object", required: ["name"], properties: { name: text, kubernetesVersion: text, resources: count } },
        },
      },
    },
  },
} as const;

const addedOrRemoved = { type: "array", items: { anyOf: [resourceRef, { type: "object", required: ["resource"], properties: { resource: resourceRef } }] } } as const;

const changes = {
  state: text,
  added: addedOrRemoved,
  removed: addedOrRemoved,
  changed: {
    type: "array",
    items: {
      type: "object",
      required: ["resource"],
      properties: {
        resource: resourceRef,
        fields: { type: "array", items: text },
        patch: { type: ["string", "null"] },
      },
    },
  },
} as const;

export const DIFF_JSON_SCHEMA = {
  type: "object",
  required: ["clusters"],
  properties: {
    // `{ref, commit}` from `kforge diff`; plain text accepted too.
    base: { anyOf: [text, { type: "object", required: ["ref"], properties: { ref: text, commit: text } }] },
    clusters: { type: "array", items: { type: "object", required: ["name"], properties: { name: text, ...changes } } },
    fleet: { type: "object", properties: { file: text, ...changes } },
    lint: {
      type: "object",
      properties: { introduced: { type: "array", items: finding }, fixed: { type: "array", items: finding }, unavailable: text },
    },
  },
} as const;
