import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS; under NodeNext its default export sits one level down.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => void;

/**
 * GitHub's official OpenAPI description of api.github.com (from @octokit/openapi), used to check
 * every request the fake server receives: the route must exist, path and query parameters must
 * match their schemas and a JSON body must match the operation's request body schema. Nothing
 * about GitHub's API is written by hand here.
 */

interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: object;
  $ref?: string;
}

interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: object }> };
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}

interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { parameters: Record<string, Parameter>; examples: Record<string, { value: unknown }> };
}

export interface MatchedOperation {
  operationId: string;
  template: string;
  pathParams: Record<string, string>;
  /** Problems found in the request; empty when it is valid. */
  problems: string[];
}

const METHODS = new Set(["get", "post", "put", "patch", "delete", "head"]);

let loaded: { spec: Spec; ajv: Ajv; routes: { method: string; template: string; regex: RegExp; names: string[]; literals: number }[] } | undefined;
const validators = new Map<string, ValidateFunction>();

function load() {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const file = require.resolve("@octokit/openapi/generated/api.github.com.json");
  const spec = JSON.parse(readFileSync(file, "utf8")) as Spec;
  // OpenAPI 3.0 schemas: ajv understands `nullable`; x-github and example keywords are not JSON Schema, hence strict: false.
  const ajv = new Ajv({ allErrors: false, strict: false, validateSchema: false, logger: false });
  addFormats(ajv);
  const routes = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    const names: string[] = [];
    const pattern = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{([^}]+)\}/g, (_, name: string) => (names.push(name), "([^/]+)"));
    const literals = template.split("/").filter((part) => part && !part.startsWith("{")).length;
    for (const method of Object.keys(item)) if (METHODS.has(method)) routes.push({ method, template, regex: new RegExp(`^${pattern}$`), names, literals });
  }
  // A literal segment beats a parameter: /issues/comments is not /issues/{issue_number}.
  routes.sort((a, b) => b.literals - a.literals);
  loaded = { spec, ajv, routes };
  return loaded;
}

function pointer(...parts: string[]): string {
  return parts.map((part) => encodeURIComponent(part.replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");
}

/**
 * A validator for the schema at a JSON pointer into the description. The schema is compiled
 * with just the component schemas it refers to (handing ajv the whole 13 MB document costs
 * seconds), placed where its `#/components/schemas/...` refs point.
 */
function validatorAt(path: string): ValidateFunction {
  let validate = validators.get(path);
  if (!validate) {
    const { spec, ajv } = load();
    const schema = path.split("/").reduce<unknown>((node, part) => (node as Record<string, unknown>)[decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~")], spec) as object;
    validate = ajv.compile(openapi30({ allOf: [schema], components: { schemas: referencedSchemas(schema, spec) } }));
    validators.set(path, validate);
  }
  return validate;
}

/** OpenAPI 3.0 reads `nullable: true` as allowing null beside an `enum`; JSON Schema needs null in the enum. */
function openapi30(node: unknown): object {
  if (Array.isArray(node)) return node.map(openapi30);
  if (!node || typeof node !== "object") return node as object;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) copy[key] = openapi30(value);
  if (copy.nullable === true && Array.isArray(copy.enum) && !copy.enum.includes(null)) copy.enum = [...copy.enum, null];
  return copy;
}

function referencedSchemas(schema: object, spec: Spec): Record<string, unknown> {
  const all = (spec.components as unknown as { schemas: Record<string, object> }).schemas;
  const picked: Record<string, unknown> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && value.startsWith("#/components/schemas/")) {
        const name = value.slice("#/components/schemas/".length);
        if (!(name in picked)) {
          picked[name] = all[name];
          visit(all[name]);
        }
      } else visit(value);
    }
  };
  visit(schema);
  return picked;
}

function errorsOf(validate: ValidateFunction, where: string): string[] {
  return (validate.errors ?? []).map((e) => `${where}${e.instancePath} ${e.message ?? "is invalid"}`);
}

function resolveParameter(parameter: Parameter, spec: Spec): Parameter {
  if (!parameter.$ref) return parameter;
  return spec.components.parameters[parameter.$ref.replace("#/components/parameters/", "")];
}

/** Parameters arrive as text; the schema says whether they should be numbers. */
function typed(value: string, schema: { type?: string } | undefined): unknown {
  if ((schema?.type === "integer" || schema?.type === "number") && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (schema?.type === "boolean" && (value === "true" || value === "false")) return value === "true";
  return value;
}

/** The operation for `method path`, with every problem of the request; undefined when GitHub has no such route. */
export function matchOperation(method: string, url: URL, body: unknown, hasBody: boolean): MatchedOperation | undefined {
  const { spec, routes } = load();
  const lower = method.toLowerCase();
  const route = routes.find((r) => r.method === lower && r.regex.test(url.pathname));
  if (!route) return undefined;
  const operation = spec.paths[route.template][lower];
  const values = route.regex.exec(url.pathname)!.slice(1).map(decodeURIComponent);
  const pathParams = Object.fromEntries(route.names.map((name, i) => [name, values[i]]));
  const problems: string[] = [];
  const parameters = (operation.parameters ?? []).map((p) => resolveParameter(p, spec));
  parameters.forEach((parameter, index) => {
    const raw = parameter.in === "path" ? pathParams[parameter.name] : parameter.in === "query" ? url.searchParams.get(parameter.name) : undefined;
    if (parameter.in !== "path" && parameter.in !== "query") return;
    if (raw === undefined || raw === null) {
      if (parameter.required) problems.push(`missing required ${parameter.in} parameter ${parameter.name}`);
      return;
    }
    const original = operation.parameters![index];
    const at = original.$ref ? `components/${original.$ref.split("/").slice(2).join("/")}` : pointer("paths", route.template, lower, "parameters", String(index));
    const validate = validatorAt(`${at}/schema`);
    if (!validate(typed(raw, parameter.schema as { type?: string }))) problems.push(...errorsOf(validate, `${parameter.in} parameter ${parameter.name}`));
  });
  for (const name of url.searchParams.keys()) {
    if (!parameters.some((p) => p.in === "query" && p.name === name)) problems.push(`unknown query parameter ${name}`);
  }
  const requestBody = operation.requestBody;
  if (requestBody?.content["application/json"]) {
    if (!hasBody) {
      if (requestBody.required) problems.push("missing required JSON body");
    } else {
      const validate = validatorAt(`${pointer("paths", route.template, lower, "requestBody", "content", "application/json", "schema")}`);
      if (!validate(body)) problems.push(...errorsOf(validate, "body"));
    }
  } else if (hasBody) {
    problems.push(`${operation.operationId} takes no request body`);
  }
  return { operationId: operation.operationId, template: route.template, pathParams, problems };
}

/** Problems of a response body against the operation's schema for that status (empty when it fits). */
export function checkResponse(method: string, template: string, status: number, body: unknown): string[] {
  const operation = load().spec.paths[template][method.toLowerCase()];
  if (!operation.responses[String(status)]?.content?.["application/json"]) return [];
  const validate = validatorAt(pointer("paths", template, method.toLowerCase(), "responses", String(status), "content", "application/json", "schema"));
  return validate(body) ? [] : errorsOf(validate, `response ${status}`);
}

/** An example from the description (components/examples), to build realistic responses from. */
export function specExample<T>(name: string): T {
  const example = load().spec.components.examples[name];
  if (!example) throw new Error(`no example ${name} in GitHub's OpenAPI description`);
  return structuredClone(example.value) as T;
}
