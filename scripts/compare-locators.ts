/**
 * Compares the text locator with the `yaml` package's positions on every field of every
 * document of the YAML files under the given folders (default: the repository's test fixtures,
 * clusters and blueprints' rendered output, and ../shared/corpus when present): every span the
 * text locator gives must equal the full parser's. Prints coverage and the first differences.
 *
 *   npx tsx scripts/compare-locators.ts [FOLDER...]
 */
import { existsSync, readFileSync } from "node:fs";
import fg from "fast-glob";
import { parseManifests } from "../src/resources/parse-manifests.js";
import { compareLocators } from "../test/helpers/locator-comparison.js";

const folders = process.argv.slice(2);
if (folders.length === 0) folders.push("test/fixtures", "clusters", ...(existsSync("../shared/corpus") ? ["../shared/corpus"] : []));
let files = 0;
let asked = 0;
let answered = 0;
const differences: string[] = [];
for (const file of fg.sync(folders.map((f) => `${f}/**/*.{yaml,yml}`), { dot: false })) {
  const text = readFileSync(file, "utf8");
  // Files the fast reader takes whole, every document a manifest: those whose positions the text locator gives.
  if (!parseManifests(text, file).readFast) continue;
  files++;
  const result = compareLocators(text, file);
  asked += result.asked;
  answered += result.answered;
  differences.push(...result.differences);
}
console.log(`${files} files, ${asked} paths, ${answered} located from the text (${((100 * answered) / Math.max(1, asked)).toFixed(1)}%), ${differences.length} differences`);
for (const d of differences.slice(0, 30)) console.log(`  ${d}`);
process.exit(differences.length === 0 ? 0 : 1);

