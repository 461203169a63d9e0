import type { Environment } from "@marcbachmann/cel-js";
import type { JsonSchema } from "../validate/value-schemas.js";
import { isIntOrString, isQuantity } from "../validate/value-schemas.js";
import { celUnavailable, loadedEngine } from "./engine.js";
import { registerKubernetesLibrary } from "./kubernetes-library.js";

/**
 * Type-checks CEL expressions against a kind's schema, as the API server does when it compiles a
 * ValidatingAdmissionPolicy for the kinds it matches: `object.spec.replicass` is "No such key",
 * `object.spec.replicas == 'x'` has no matching overload. Only `object` is typed; the other
 * variables are dyn. Fields whose CEL type the schema does not pin down (int-or-string,
 * quantities, times, open objects) are dyn too, so a type error here is a real one.
 */
export interface SchemaTypeCheck {
  /** undefined when the expression type-checks; else the checker's message. */
  check(expression: string): string | undefined;
}

/** Definitions the schema's `$ref`s point into (`#/definitions/<key>`). */
export type Definitions = Record<string, JsonSchema>;

const REF = "#/definitions/";
const checkers = new Map<string, SchemaTypeCheck | undefined>();

/**
 * A checker for expressions over `object` of the definition `rootKey`, with `otherVariables`
 * as dyn; undefined when no CEL engine is available. One per root key and variable set.
 */
export function schemaTypeCheck(rootKey: string, definitions: Definitions, otherVariables: readonly string[]): SchemaTypeCheck | undefined {
  const id = `${rootKey}|${[...otherVariables].sort().join(",")}`;
  if (checkers.has(id)) return checkers.get(id);
  let checker: SchemaTypeCheck | undefined;
  if (!celUnavailable() && definitions[rootKey]) {
    const env = new (loadedEngine().Environment)({ enableOptionalTypes: true, homogeneousAggregateLiterals: false });
    registerKubernetesLibrary(env);
    const root = new TypeRegistrar(env, definitions).typeOf({ $ref: `${REF}${rootKey}` }, "object");
    env.registerVariable("object", root);
    for (const name of otherVariables) if (name !== "object") env.registerVariable(name, "dyn");
    checker = {
      check(expression) {
        try {
          const result = env.check(expression);
          return result.valid ? undefined : firstLine(result.error?.message ?? "does not type-check");
        } catch (error) {
          return firstLine((error as Error).message);
        }
      },
    };
  }
  checkers.set(id, checker);
  return checker;
}

function firstLine(message: string): string {
  return message.split("\n")[0];
}

/** Registers a CEL message type per object schema, depth first; a type that refers back to itself is dyn there. */
class TypeRegistrar {
  private readonly done = new Map<string, string>();
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly env: Environment,
    private readonly definitions: Definitions,
  ) {}

  typeOf(schema: JsonSchema, name: string): string {
    if (typeof schema.$ref === "string" && schema.$ref.startsWith(REF)) {
      const key = schema.$ref.slice(REF.length);
      const target = this.definitions[key];
      if (!target) return "dyn";
      const typeName = `k8s.${key.replace(/[^A-Za-z0-9]/g, "_")}`;
      if (this.done.has(key)) return this.done.get(key)!;
      if (this.inProgress.has(key)) return "dyn";
      this.inProgress.add(key);
      const type = this.structure(target, typeName);
      this.inProgress.delete(key);
      this.done.set(key, type);
      return type;
    }
    return this.structure(schema, name);
  }

  private structure(schema: JsonSchema, name: string): string {
    if (isIntOrString(schema) || isQuantity(schema) || Array.isArray(schema.type)) return "dyn";
    switch (schema.type) {
      case "string":
        return schema.format === "date-time" || schema.format === "byte" ? "dyn" : "string";
      case "integer":
        return "int";
      case "number":
        return "double";
      case "boolean":
        return "bool";
      case "array": {
        const items = schema.items && typeof schema.items === "object" ? this.typeOf(schema.items as JsonSchema, `${name}_item`) : "dyn";
        return `list<${items}>`;
      }
    }
    const properties = schema.properties as Record<string, JsonSchema> | undefined;
    if (properties && schema.additionalProperties === false) {
      const fields: Record<string, string> = {};
      for (const [field, child] of Object.entries(properties)) {
        // CEL escapes field names that are not identifiers; those stay reachable as dyn.
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field)) return "dyn";
        fields[field] = this.typeOf(child, `${name}_${field}`);
      }
      const typeName = name.startsWith("k8s.") ? name : `k8s.inline.${name.replace(/[^A-Za-z0-9]/g, "_")}`;
      try {
        this.env.registerType({ name: typeName, schema: fields });
      } catch {
        return "dyn";
      }
      return typeName;
    }
    const additional = schema.additionalProperties;
    if (additional && typeof additional === "object") return `map<string, ${this.typeOf(additional as JsonSchema, `${name}_value`)}>`;
    return "dyn";
  }
}
