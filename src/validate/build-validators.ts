/**
 * Build step (`npm run build`, after tsc): precompiles the validators of every shipped schema
 * bundle into dist/validators/, so no run of kforge compiles a Kubernetes schema.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { precompiledFileName, standaloneValidatorsSource, writeCodeCache } from "./standalone-validators.js";

const schemas = fileURLToPath(new URL("../../schemas/kubernetes/", import.meta.url));
const out = fileURLToPath(new URL("../validators/", import.meta.url));
mkdirSync(out, { recursive: true });
for (const file of readdirSync(schemas).filter((f) => f.endsWith(".json.gz")).sort()) {
  const started = performance.now();
  const source = standaloneValidatorsSource(file);
  writeFileSync(`${out}${precompiledFileName(file)}`, source);
  writeCodeCache(`${out}${precompiledFileName(file)}`);
  process.stdout.write(`validators: ${precompiledFileName(file)} (${Math.round(source.length / 1024)} KiB, ${Math.round(performance.now() - started)} ms)\n`);
}
