import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join, posix } from "node:path";
import fg from "fast-glob";
import type { ValidateFunction } from "ajv";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { parseYamlFile } from "../yaml/read-yaml-file.js";
import type { Blueprint } from "./blueprint.js";
import { userAjv, kforgeSchema } from "./kforge-schemas.js";
import { schemaDiagnostics } from "./schema-diagnostics.js";

const VALUES_SCHEMA = "values.schema.json";

/** Reads blueprints/<name>/: blueprint.yaml, values.schema.json and templates/*.yaml.hbs. */
export async function loadBlueprint(root: string, name: string): Promise<{ blueprint?: Blueprint; diagnostics: Diagnostic[] }> {
  const dir = posix.join("blueprints", name);
  const metaFile = posix.join(dir, "blueprint.yaml");
  const metaText = await readOptional(join(root, metaFile));
  if (metaText === undefined) {
    return { diagnostics: [{ code: "blueprint-missing", file: metaFile, line: 0, column: 0, message: `blueprint "${name}" not found`, hint: `create ${dir}/ with blueprint.yaml, ${VALUES_SCHEMA} and templates/, or fix the release's blueprint name` }] };
  }
  const meta = parseYamlFile(metaText, metaFile);
  if (!meta.yaml) return { diagnostics: meta.diagnostics };
  const validateMeta = kforgeSchema("blueprint");
  if (!validateMeta(meta.yaml.value)) {
    return { diagnostics: schemaDiagnostics(validateMeta.errors ?? [], meta.yaml, [], "blueprint-schema", "invalid blueprint.yaml") };
  }
  const data = meta.yaml.value as { metadata: { name: string }; spec: { description: string; version: string; kubernetes?: string } };
  if (data.metadata.name !== name) {
    const span = meta.yaml.locate(["metadata", "name"]);
    return { diagnostics: [{ code: "blueprint-schema", file: metaFile, line: span.line, column: span.column, message: `blueprint name "${data.metadata.name}" does not match its folder "${name}"` }] };
  }
  const schemaFile = posix.join(dir, VALUES_SCHEMA);
  const schemaText = await readOptional(join(root, schemaFile));
  if (schemaText === undefined) {
    return { diagnostics: [{ code: "blueprint-schema", file: schemaFile, line: 0, column: 0, message: "the blueprint has no values schema", hint: "every blueprint types its values with a JSON Schema" }] };
  }
  const schema = parseYamlFile(schemaText, schemaFile);
  if (!schema.yaml) return { diagnostics: schema.diagnostics };
  const ajv = userAjv();
  // Checked against the meta-schema now, compiled only when a release needs its values checked
  // (a render served from the cache never does).
  if (!ajv.validateSchema(schema.yaml.value as object)) {
    return { diagnostics: [{ code: "blueprint-schema", file: schemaFile, line: 1, column: 1, message: `the values schema is not a valid JSON Schema: ${ajv.errorsText(ajv.errors)}` }] };
  }
  let compiled: ValidateFunction | undefined;
  const valuesValidator = () => (compiled ??= ajv.compile(schema.yaml!.value as object));
  const templateNames = (await fg("templates/**/*.hbs", { cwd: join(root, dir), onlyFiles: true, dot: false })).sort();
  if (templateNames.length === 0) {
    return { diagnostics: [{ code: "blueprint-schema", file: posix.join(dir, "templates"), line: 0, column: 0, message: "the blueprint has no templates (templates/*.yaml.hbs)" }] };
  }
  const templates = await Promise.all(
    templateNames.map(async (t) => ({ file: posix.join(dir, t), source: await readFile(join(root, dir, t), "utf8") })),
  );
  return {
    diagnostics: [],
    blueprint: {
      name,
      dir,
      version: data.spec.version,
      description: data.spec.description,
      kubernetes: data.spec.kubernetes,
      schemaFile,
      schema: schema.yaml,
      valuesValidator,
      templates,
      contentHash: createHash("sha256").update([metaText, schemaText, ...templates.flatMap((t) => [t.file, t.source])].join("\0")).digest("hex"),
    },
  };
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return undefined;
  }
}
