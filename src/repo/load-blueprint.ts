import { existsSync, readdirSync } from "node:fs";
import { join, posix } from "node:path";
import { closestName } from "../diagnostics/closest-name.js";
import { PACKAGE_ROOT } from "../package-root.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { readDocumentsFast } from "../yaml/fast-read.js";
import { parseYamlFile, textDiagnostic } from "../yaml/read-yaml-file.js";
import type { Blueprint, ValuesSchema } from "./blueprint.js";
import { readBlueprintSources, VALUES_SCHEMA, type BlueprintSources } from "./blueprint-sources.js";
import { userAjv, kforgeSchema } from "./kforge-schemas.js";
import { schemaDiagnostics } from "./schema-diagnostics.js";
import { compileValuesSchema } from "./values-schema-problems.js";
import { precompiledValuesValidator } from "./library-values-schemas.js";
import { findControlCharacters } from "./control-characters.js";

/** Blueprints a release can name: the repository's blueprints/ and kforge's library. */
function blueprintNames(root: string, libraryOnly: boolean): string[] {
  const names = new Set<string>();
  for (const folder of libraryOnly ? [PACKAGE_ROOT] : [root, PACKAGE_ROOT]) {
    try {
      for (const entry of readdirSync(join(folder, "blueprints"), { withFileTypes: true })) {
        if (entry.isDirectory() && existsSync(join(folder, "blueprints", entry.name, "blueprint.yaml"))) names.add(entry.name);
      }
    } catch {
      // No blueprints/ folder (or an unreadable one): nothing to suggest from it.
    }
  }
  return [...names].sort();
}

/** Reads and checks blueprints/<name>/: blueprint.yaml, values.schema.json and templates/*.yaml.hbs. */
export async function loadBlueprint(root: string, reference: string, sources?: BlueprintSources): Promise<{ blueprint?: Blueprint; diagnostics: Diagnostic[] }> {
  const { metaText, schemaText, templates, contentHash, location } = sources ?? (await readBlueprintSources(root, reference));
  const { dir, name } = location;
  const metaFile = posix.join(dir, "blueprint.yaml");
  if (metaText === undefined) {
    const known = blueprintNames(root, location.origin === "library");
    const guess = closestName(name, known);
    const message = `blueprint "${name}" not found${guess ? ` (did you mean "${guess}"?)` : ""}`;
    const listed = known.length > 0 ? `; blueprints: ${known.join(", ")}` : "";
    return { diagnostics: [{ code: "blueprint-missing", file: metaFile, line: 0, column: 0, message, hint: `fix the release's blueprint name, or create ${dir}/ with blueprint.yaml, ${VALUES_SCHEMA} and templates/${listed}` }] };
  }
  const meta = parseYamlFile(metaText, metaFile);
  if (!meta.yaml) return { diagnostics: meta.diagnostics };
  const validateMeta = kforgeSchema("blueprint");
  if (!validateMeta(meta.yaml.value)) {
    return { diagnostics: schemaDiagnostics(validateMeta.errors ?? [], meta.yaml, [], "blueprint-schema", "invalid blueprint.yaml") };
  }
  const data = meta.yaml.value as { metadata: { name: string }; spec: { description: string; version: string; kubernetes?: string } };
  const control = findControlCharacters(data, (path) => path.length === 2 && path[1] === "description");
  if (control.length > 0) {
    return {
      diagnostics: control.map((found) => {
        const span = meta.yaml!.locate(found.path);
        return { code: "control-character" as const, file: metaFile, line: span.line, column: span.column, message: `${found.path.join(".")} holds a control character (${found.character})`, hint: "blueprint names and versions are written into generated files; use one line of printable text" };
      }),
    };
  }
  if (data.metadata.name !== name) {
    const span = meta.yaml.locate(["metadata", "name"]);
    return { diagnostics: [{ code: "blueprint-schema", file: metaFile, line: span.line, column: span.column, message: `blueprint name "${data.metadata.name}" does not match its folder "${name}"` }] };
  }
  const schemaFile = posix.join(dir, VALUES_SCHEMA);
  if (schemaText === undefined) {
    return { diagnostics: [{ code: "blueprint-schema", file: schemaFile, line: 0, column: 0, message: "the blueprint has no values schema", hint: "every blueprint types its values with a JSON Schema" }] };
  }
  const unreadable = templates.flatMap((t) => textDiagnostic(t.source, t.file) ?? []);
  if (unreadable.length > 0) return { diagnostics: unreadable };
  if (templates.length === 0) {
    return { diagnostics: [{ code: "blueprint-schema", file: posix.join(dir, "templates"), line: 0, column: 0, message: "the blueprint has no templates (templates/*.yaml.hbs)" }] };
  }
  return {
    diagnostics: [],
    blueprint: {
      name,
      dir,
      version: data.spec.version,
      description: data.spec.description,
      kubernetes: data.spec.kubernetes,
      schemaFile,
      valuesSchema: once(() => checkValuesSchema(schemaText, schemaFile)),
      templates,
      contentHash,
      origin: location.origin,
    },
  };
}

/**
 * Parses the values schema and checks it against the JSON Schema meta-schema. Only done when a
 * release needs its values checked: a release served from the render cache never does (it was
 * rendered from these very files), and parsing every schema was most of a re-render's time.
 */
function checkValuesSchema(text: string, file: string): ValuesSchema {
  // Positions are only needed for syntax errors: the fast reader (same values as the yaml
  // package) reads plain JSON several times faster, and declines anything it cannot vouch for.
  const fast = readDocumentsFast(text);
  let value: unknown = fast?.length === 1 && typeof fast[0] === "object" && fast[0] !== null ? fast[0] : undefined;
  if (value === undefined) {
    const schema = parseYamlFile(text, file);
    if (!schema.yaml) return { diagnostics: schema.diagnostics };
    value = schema.yaml.value;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { diagnostics: [{ code: "blueprint-schema", file, line: 1, column: 1, message: "invalid values schema: it must be a JSON object (a mapping)", hint: "a blueprint's values.schema.json must be a valid JSON Schema (draft-07)" }] };
  }
  // A library blueprint's schema (or an unchanged copy) was checked and compiled by the build.
  const built = precompiledValuesValidator(value);
  if (built) return { validator: () => built, diagnostics: [] };
  // Compiled here, not on first use: a schema ajv cannot compile is an input error at its line.
  const { validate, diagnostics } = compileValuesSchema(userAjv(), value, text, file);
  return validate ? { validator: () => validate, diagnostics: [] } : { diagnostics };
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
