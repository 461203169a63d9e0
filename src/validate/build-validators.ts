/**
 * Build step (`npm run build`, after tsc): precompiles the validators of every shipped schema
 * bundle, and of kforge's own file formats, into dist/validators/, so no run of kforge compiles them.
 */
import { mkdirSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { KFORGE_SCHEMAS_FILE, kforgeSchemasSource } from "../repo/kforge-schemas.js";
import { writePrecompiled } from "./precompiled-code.js";
import { precompiledFileName, standaloneValidatorsSource } from "./standalone-validators.js";

const schemas = fileURLToPath(new URL("../../schemas/kubernetes/", import.meta.url));
const out = fileURLToPath(new URL("../validators/", import.meta.url));
mkdirSync(out, { recursive: true });
for (const file of readdirSync(schemas).filter((f) => f.endsWith(".json.gz")).sort()) {
  const started = performance.now();
  const source = standaloneValidatorsSource(file);
  writePrecompiled(`${out}${precompiledFileName(file)}`, source);
  process.stdout.write(`validators: ${precompiledFileName(file)} (${Math.round(source.length / 1024)} KiB, ${Math.round(performance.now() - started)} ms)\n`);
}
writePrecompiled(`${out}${KFORGE_SCHEMAS_FILE}`, kforgeSchemasSource());
process.stdout.write(`validators: ${KFORGE_SCHEMAS_FILE}\n`);
