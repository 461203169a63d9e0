import type { FieldSelection } from "../cel/cel-program.js";
import { closestName } from "../diagnostics/closest-name.js";
import { escapeName } from "./crd-cel-value.js";

type Schema = Record<string, unknown>;

/**
 * Why a rule's `self.a.b` names a field its schema does not declare, or undefined. The API
 * server types `self` by the schema and refuses such a rule ("undefined field"); kforge checks
 * the plain selection chains, and stops where the schema leaves a value open (maps,
 * x-kubernetes-preserve-unknown-fields, int-or-string, lists).
 */
export function undefinedFieldProblem(schema: Schema, selection: FieldSelection, atRoot: boolean): string | undefined {
  let node: Schema | undefined = schema;
  let root = atRoot;
  for (const name of selection.path) {
    if (!node || node["x-kubernetes-preserve-unknown-fields"] === true || node["x-kubernetes-int-or-string"] === true) return undefined;
    if (node.type !== "object" && !isSchema(node.properties)) return undefined;
    const fields = new Map<string, Schema | undefined>();
    if (isSchema(node.properties)) for (const [field, child] of Object.entries(node.properties)) fields.set(escapeName(field), isSchema(child) ? child : undefined);
    if (root || node["x-kubernetes-embedded-resource"] === true) {
      for (const field of ["apiVersion", "kind"]) if (!fields.has(field)) fields.set(field, { type: "string" });
      // At the root CEL sees only metadata.name and generateName; an embedded object's metadata is open.
      fields.set("metadata", root ? { type: "object", properties: { name: { type: "string" }, generateName: { type: "string" } } } : undefined);
    }
    if (fields.has(name)) {
      node = fields.get(name);
      root = false;
      continue;
    }
    if (node.additionalProperties !== undefined && node.additionalProperties !== false) return undefined;
    if (!isSchema(node.properties) && !root) return undefined;
    const known = [...fields.keys()];
    const guess = closestName(name, known);
    const prefix = [selection.variable, ...selection.path.slice(0, selection.path.indexOf(name))].join(".");
    return `undefined field \`${name}\` in \`${prefix}.${name}\`${guess ? ` (did you mean \`${guess}\`?)` : known.length > 0 ? `; \`${prefix}\` has ${known.map((field) => `\`${field}\``).join(", ")}` : ""}`;
  }
  return undefined;
}

function isSchema(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
