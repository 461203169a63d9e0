import ts from "typescript";
import type { DeclarationProgram } from "./declaration-program.js";
import type { NumberSchema } from "./number-formats.js";
import { INT_OR_STRING, QUANTITY, TIME, type JsonSchema } from "../../src/validate/value-schemas.js";

/** Generated schemas of one source: top-level kinds by apiVersion, and their definitions. */
export interface GeneratedSchemas {
  kinds: Record<string, Record<string, string>>;
  definitions: Record<string, JsonSchema>;
  /** Places where a TypeScript type had no exact JSON Schema and was left open (`{}`). */
  loose: string[];
}

export interface ConvertOptions {
  numberSchema(owner: string, field: string): NumberSchema;
  /** kubernetes-models names interfaces `IFoo` for type `Foo`; strip the `I` for owner names. */
  interfacePrefix?: string;
}

type Named = ts.InterfaceDeclaration | ts.TypeAliasDeclaration;

/**
 * Converts every top-level kind (an interface whose `apiVersion` and `kind` are string literals)
 * and the types it reaches into strict JSON Schemas: unknown fields are not allowed, optional
 * (`?`) properties are the only ones not required.
 */
export function declarationsToSchemas(program: DeclarationProgram, options: ConvertOptions): GeneratedSchemas {
  const out: GeneratedSchemas = { kinds: {}, definitions: {}, loose: [] };
  const queue: ts.InterfaceDeclaration[] = [];
  const refTo = (declaration: ts.InterfaceDeclaration): JsonSchema => {
    const name = program.definitionName(declaration);
    if (!(name in out.definitions)) {
      out.definitions[name] = {};
      queue.push(declaration);
    }
    return { $ref: `#/definitions/${name}` };
  };
  const convert = typeConverter(program, options, refTo, out.loose);

  for (const declaration of program.interfaces) {
    const apiVersion = literalProperty(declaration, "apiVersion");
    const kind = literalProperty(declaration, "kind");
    if (!apiVersion || !kind) continue;
    (out.kinds[apiVersion] ??= {})[kind] = (refTo(declaration).$ref as string).slice("#/definitions/".length);
  }
  for (let declaration = queue.shift(); declaration; declaration = queue.shift()) {
    out.definitions[program.definitionName(declaration)] = convert.objectType(declaration);
  }
  return out;
}

function literalProperty(declaration: ts.InterfaceDeclaration, name: string): string | undefined {
  for (const member of declaration.members) {
    if (!ts.isPropertySignature(member) || propertyName(member.name) !== name || !member.type) continue;
    if (ts.isLiteralTypeNode(member.type) && ts.isStringLiteral(member.type.literal)) return member.type.literal.text;
  }
  return undefined;
}

function propertyName(name: ts.PropertyName): string {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : name.getText();
}

function typeConverter(program: DeclarationProgram, options: ConvertOptions, refTo: (d: ts.InterfaceDeclaration) => JsonSchema, loose: string[]) {
  const { checker } = program;
  const prefix = options.interfacePrefix ?? "";
  const ownerName = (declaration: Named): string =>
    prefix && declaration.name.text.startsWith(prefix) ? declaration.name.text.slice(prefix.length) : declaration.name.text;

  function objectType(declaration: ts.InterfaceDeclaration): JsonSchema {
    const owner = ownerName(declaration);
    const type = checker.getTypeAtLocation(declaration.name);
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const symbol of checker.getPropertiesOfType(type)) {
      const member = symbol.valueDeclaration ?? symbol.declarations?.[0];
      if (!member || !(ts.isPropertySignature(member) || ts.isPropertyDeclaration(member))) continue;
      properties[symbol.name] = node(member.type, owner, symbol.name);
      if (!(symbol.flags & ts.SymbolFlags.Optional)) required.push(symbol.name);
    }
    const index = checker.getIndexInfosOfType(type).find((info) => info.keyType.flags & ts.TypeFlags.String);
    const indexNode = index?.declaration?.type;
    if (Object.keys(properties).length === 0 && !indexNode) return {}; // RawExtension, JSON, FieldsV1: any value
    const schema: JsonSchema = { type: "object", properties, additionalProperties: indexNode ? node(indexNode, owner, "*") : false };
    if (required.length > 0) schema.required = required.sort();
    return schema;
  }

  function node(type: ts.TypeNode | undefined, owner: string, field: string): JsonSchema {
    if (!type) return open(owner, field, "no type");
    switch (type.kind) {
      case ts.SyntaxKind.StringKeyword: return { type: "string" };
      case ts.SyntaxKind.BooleanKeyword: return { type: "boolean" };
      case ts.SyntaxKind.NumberKeyword: return { ...options.numberSchema(owner, field) };
      case ts.SyntaxKind.AnyKeyword:
      case ts.SyntaxKind.UnknownKeyword:
      case ts.SyntaxKind.ObjectKeyword: return {};
    }
    if (ts.isParenthesizedTypeNode(type) || ts.isTypeOperatorNode(type)) return node(type.type, owner, field);
    if (ts.isArrayTypeNode(type)) return { type: "array", items: node(type.elementType, owner, field) };
    if (ts.isLiteralTypeNode(type)) return literal(type, owner, field);
    if (ts.isUnionTypeNode(type)) return union(type, owner, field);
    if (ts.isTypeLiteralNode(type)) return inlineObject(type, owner, field);
    if (ts.isTypeReferenceNode(type)) return reference(type, owner, field);
    return open(owner, field, ts.SyntaxKind[type.kind]);
  }

  function literal(type: ts.LiteralTypeNode, owner: string, field: string): JsonSchema {
    const value = type.literal;
    if (ts.isStringLiteral(value)) return { type: "string", enum: [value.text] };
    if (value.kind === ts.SyntaxKind.TrueKeyword || value.kind === ts.SyntaxKind.FalseKeyword) return { type: "boolean" };
    return open(owner, field, "literal");
  }

  function union(type: ts.UnionTypeNode, owner: string, field: string): JsonSchema {
    const members = type.types.filter((t) => t.kind !== ts.SyntaxKind.NullKeyword && t.kind !== ts.SyntaxKind.UndefinedKeyword && !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword));
    if (members.length === 1) return node(members[0], owner, field);
    if (members.every((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))) {
      return { type: "string", enum: members.map((t) => ((t as ts.LiteralTypeNode).literal as ts.StringLiteral).text) };
    }
    const kinds = new Set(members.map((t) => t.kind));
    if (kinds.size === 2 && kinds.has(ts.SyntaxKind.NumberKeyword) && kinds.has(ts.SyntaxKind.StringKeyword)) return { ...INT_OR_STRING };
    if (members.every((t) => ts.isLiteralTypeNode(t) && t.literal.kind !== ts.SyntaxKind.StringLiteral)) return { type: "boolean" };
    return open(owner, field, type.getText());
  }

  function inlineObject(type: ts.TypeLiteralNode, owner: string, field: string): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    let additional: JsonSchema | false = false;
    for (const member of type.members) {
      if (ts.isIndexSignatureDeclaration(member)) additional = node(member.type, owner, field);
      else if (ts.isPropertySignature(member)) {
        const name = propertyName(member.name);
        properties[name] = node(member.type, owner, name);
        if (!member.questionToken) required.push(name);
      }
    }
    const schema: JsonSchema = { type: "object", additionalProperties: additional };
    if (Object.keys(properties).length > 0) schema.properties = properties;
    if (required.length > 0) schema.required = required.sort();
    return schema;
  }

  function reference(type: ts.TypeReferenceNode, owner: string, field: string): JsonSchema {
    const name = ts.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text;
    const args = type.typeArguments ?? [];
    if ((name === "Array" || name === "ReadonlyArray") && args.length === 1) return { type: "array", items: node(args[0], owner, field) };
    if (name === "Record" && args.length === 2) return { type: "object", additionalProperties: node(args[1], owner, field) };
    const declaration = program.declarationOf(type.typeName);
    if (!declaration) return open(owner, field, `unresolved ${name}`);
    const special = specialType(ownerName(declaration as Named));
    if (special) return special;
    if (ts.isInterfaceDeclaration(declaration)) return refTo(declaration);
    if (ts.isTypeAliasDeclaration(declaration)) return node(declaration.type, owner, field);
    return open(owner, field, `class ${name}`);
  }

  function open(owner: string, field: string, why: string): JsonSchema {
    loose.push(`${owner}.${field}: ${why}`);
    return {};
  }

  return { objectType };
}

function specialType(name: string): JsonSchema | undefined {
  if (/(^|Resource)Quantity$/.test(name)) return { ...QUANTITY };
  if (/IntOrString$/.test(name)) return { ...INT_OR_STRING };
  if (/(^|V1)(Micro)?Time$/.test(name)) return { ...TIME };
  return undefined;
}
