import type { FieldPath } from "../resources/resource.js";
import type { CrdSchemaProblem } from "./crd-schema-problems.js";

type Schema = Record<string, unknown>;
const JUNCTORS = ["allOf", "anyOf", "oneOf", "not"] as const;
/** Keywords the API server refuses inside allOf/anyOf/oneOf/not of a structural schema. */
const NOT_IN_JUNCTORS = ["type", "default", "additionalProperties", "nullable", "description", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource", "x-kubernetes-int-or-string"];
const SCALARS = ["string", "integer", "number", "boolean"];

/**
 * The rules that make an apiextensions.k8s.io/v1 schema "structural", which v1 requires: every
 * field and item has a type (unless x-kubernetes-int-or-string or
 * x-kubernetes-preserve-unknown-fields), properties and additionalProperties are not combined,
 * junctors only add value checks for fields also specified outside them, metadata is only
 * restricted in name and generateName, and the x-kubernetes-list-type markers are consistent.
 */
export function structuralProblems(root: Schema): CrdSchemaProblem[] {
  const problems: CrdSchemaProblem[] = [];
  if (root.type !== "object") problems.push({ path: root.type === undefined ? [] : ["type"], message: "the root of the schema must be `type: object`" });
  checkMetadata(root, problems);
  walk(root, [], problems, false);
  return problems;
}

/**
 * `path` is one array for the whole walk, pushed to and popped as the walk descends (a copy is
 * taken only for a problem): CRD schemas have thousands of nodes.
 */
function walk(schema: Schema, path: (string | number)[], problems: CrdSchemaProblem[], inJunctor: boolean): void {
  const report = (at: FieldPath, message: string) => problems.push({ path: [...path, ...at], message });
  const intOrString = schema["x-kubernetes-int-or-string"] === true;
  if (intOrString && schema.type !== undefined) report(["type"], "`type` must be left out when `x-kubernetes-int-or-string` is true (the value is an integer or a string)");
  if (schema["x-kubernetes-preserve-unknown-fields"] === false) report(["x-kubernetes-preserve-unknown-fields"], "`x-kubernetes-preserve-unknown-fields` must be true or left out");
  if (schema["x-kubernetes-embedded-resource"] === true && schema.type !== "object") report(["type"], "`x-kubernetes-embedded-resource: true` needs `type: object`");
  if (schema.uniqueItems === true) report(["uniqueItems"], "`uniqueItems: true` is not allowed in a CRD (its check is quadratic); use `x-kubernetes-list-type: set`");
  if (isSchema(schema.properties) && schema.additionalProperties !== undefined && schema.additionalProperties !== true) {
    report(["additionalProperties"], "`properties` and `additionalProperties` must not be combined in a structural schema");
  }
  if (schema.additionalProperties === false) report(["additionalProperties"], "`additionalProperties: false` is not allowed; fields not in `properties` are pruned anyway");
  if (schema.type === "array" && !inJunctor && schema.items === undefined) report(["type"], "an array needs `items`, the schema of its elements");
  listTypeProblems(schema, report);
  if (isSchema(schema.properties)) {
    for (const name in schema.properties) {
      if (Object.hasOwn(schema.properties, name)) child(schema.properties[name], "properties", name, "object field", path, problems, inJunctor);
    }
  }
  if (isSchema(schema.items)) child(schema.items, "items", undefined, "array item", path, problems, inJunctor);
  if (isSchema(schema.additionalProperties)) child(schema.additionalProperties, "additionalProperties", undefined, "object field", path, problems, inJunctor);
  for (const junctor of JUNCTORS) {
    const branches = junctor === "not" ? (isSchema(schema.not) ? [schema.not] : []) : Array.isArray(schema[junctor]) ? (schema[junctor] as unknown[]) : [];
    branches.forEach((branch, i) => {
      if (!isSchema(branch)) return;
      const at: FieldPath = junctor === "not" ? [junctor] : [junctor, i];
      for (const key of NOT_IN_JUNCTORS) {
        if (branch[key] === undefined || (key === "type" && intOrString && (branch.type === "integer" || branch.type === "string"))) continue;
        report([...at, key], `\`${key}\` is not allowed inside \`${junctor}\`; set it on the field itself`);
      }
      outsideJunctor(schema, branch, [...path, ...at], problems);
      const depth = path.length;
      path.push(...at);
      walk(branch, path, problems, true);
      path.length = depth;
    });
  }
}

/** A field's or the items' schema: it needs a type (outside junctors), then its own walk. */
function child(schema: unknown, keyword: string, name: string | undefined, what: string, path: (string | number)[], problems: CrdSchemaProblem[], inJunctor: boolean): void {
  if (!isSchema(schema)) return;
  const depth = path.length;
  path.push(keyword);
  if (name !== undefined) path.push(name);
  if (!inJunctor && schema.type === undefined && schema["x-kubernetes-int-or-string"] !== true && schema["x-kubernetes-preserve-unknown-fields"] !== true) {
    problems.push({ path: [...path], message: `every ${what} needs a \`type\` (or \`x-kubernetes-int-or-string\` / \`x-kubernetes-preserve-unknown-fields: true\`): the schema is not structural` });
  }
  walk(schema, path, problems, inJunctor);
  path.length = depth;
}

/** Fields and items a junctor branch restricts must also be specified outside the junctor. */
function outsideJunctor(schema: Schema, branch: Schema, at: FieldPath, problems: CrdSchemaProblem[]): void {
  const known = isSchema(schema.properties) ? schema.properties : {};
  if (isSchema(branch.properties)) {
    for (const name of Object.keys(branch.properties)) {
      if (!(name in known) && !isSchema(schema.additionalProperties)) problems.push({ path: [...at, "properties", name], message: `\`${name}\` must also be specified in \`properties\` outside the junctor` });
    }
  }
  if (branch.items !== undefined && schema.items === undefined) problems.push({ path: [...at, "items"], message: "`items` must also be specified outside the junctor" });
}

function listTypeProblems(schema: Schema, report: (at: FieldPath, message: string) => void): void {
  const listType = schema["x-kubernetes-list-type"];
  const keys = schema["x-kubernetes-list-map-keys"];
  const mapType = schema["x-kubernetes-map-type"];
  if (mapType !== undefined && mapType !== "granular" && mapType !== "atomic") report(["x-kubernetes-map-type"], "`x-kubernetes-map-type` must be `granular` or `atomic`");
  if (listType === undefined) {
    if (keys !== undefined) report(["x-kubernetes-list-map-keys"], "`x-kubernetes-list-map-keys` needs `x-kubernetes-list-type: map`");
    return;
  }
  if (listType !== "atomic" && listType !== "set" && listType !== "map") {
    report(["x-kubernetes-list-type"], "`x-kubernetes-list-type` must be `atomic`, `set` or `map`");
    return;
  }
  if (schema.type !== "array") report(["x-kubernetes-list-type"], "`x-kubernetes-list-type` is only allowed on `type: array`");
  const items = isSchema(schema.items) ? schema.items : undefined;
  if (listType === "set" && items && items.type === "object" && items["x-kubernetes-map-type"] !== "atomic") {
    report(["x-kubernetes-list-type"], "a `set` list needs scalar items (or objects with `x-kubernetes-map-type: atomic`)");
  }
  if (listType !== "map") {
    if (keys !== undefined) report(["x-kubernetes-list-map-keys"], "`x-kubernetes-list-map-keys` needs `x-kubernetes-list-type: map`");
    return;
  }
  if (!Array.isArray(keys) || keys.length === 0) {
    report(["x-kubernetes-list-type"], "`x-kubernetes-list-type: map` needs `x-kubernetes-list-map-keys`, the fields that identify an item");
    return;
  }
  if (items?.type !== "object") {
    report(["items"], "a `map` list needs `type: object` items");
    return;
  }
  const properties = isSchema(items.properties) ? items.properties : {};
  const required = Array.isArray(items.required) ? items.required : [];
  keys.forEach((key, i) => {
    const field = typeof key === "string" ? properties[key] : undefined;
    if (!isSchema(field)) report(["x-kubernetes-list-map-keys", i], `the key field \`${String(key)}\` is not in the items' \`properties\``);
    else if (!SCALARS.includes(String(field.type)) && field["x-kubernetes-int-or-string"] !== true) report(["x-kubernetes-list-map-keys", i], `the key field \`${key}\` must be a scalar (string, integer, number or boolean)`);
    else if (!required.includes(key) && field.default === undefined) report(["x-kubernetes-list-map-keys", i], `the key field \`${key}\` must be required or have a default`);
  });
}

/** metadata may only restrict name and generateName; the API server fills in the rest of ObjectMeta. */
function checkMetadata(root: Schema, problems: CrdSchemaProblem[]): void {
  const metadata = isSchema(root.properties) ? root.properties.metadata : undefined;
  if (!isSchema(metadata)) return;
  for (const key of Object.keys(metadata)) {
    if (key === "type" || key === "description") continue;
    if (key === "properties" && isSchema(metadata.properties) && Object.keys(metadata.properties).every((name) => name === "name" || name === "generateName")) continue;
    problems.push({ path: ["properties", "metadata", key], message: "the schema of `metadata` may only restrict `name` and `generateName`; the API server validates the rest itself" });
  }
  if (metadata.type !== undefined && metadata.type !== "object") problems.push({ path: ["properties", "metadata", "type"], message: "`metadata` must be `type: object`" });
}

function isSchema(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
