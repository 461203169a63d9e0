import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { strictDefinitions, type StrictDefinitions } from "../validate/openapi-definitions.js";
import { ImportError } from "./import-error.js";
import type { OpenApiInput } from "./import-openapi.js";
import { missingReference, releaseFileName, releaseFileText } from "./imported-release-file.js";

export interface ImportedReleaseSummary {
  file: string;
  kinds: number;
  definitions: number;
}

/** Converts OpenAPI definitions to kforge's strict schemas and writes them as `version`'s import. */
export async function writeImportedRelease(root: string, version: string, input: OpenApiInput): Promise<ImportedReleaseSummary> {
  let strict: StrictDefinitions;
  try {
    strict = strictDefinitions(input.definitions);
  } catch (error) {
    throw new ImportError(`${input.source}: ${(error as Error).message}`);
  }
  const kinds = Object.values(strict.kinds).reduce((sum, byKind) => sum + Object.keys(byKind).length, 0);
  if (kinds === 0) throw new ImportError(`${input.source} defines no Kubernetes kind (no definition has x-kubernetes-group-version-kind); is it the Kubernetes API?`);
  if (!Object.hasOwn(strict.definitions, "meta.v1.ObjectMeta")) throw new ImportError(`${input.source} has no io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta, which every object's metadata uses; is it the Kubernetes API?`);
  const missing = missingReference(strict);
  if (missing) throw new ImportError(`${input.source}: ${missing}; give the complete API (every document of the v3 folder)`);
  const file = releaseFileName(version);
  await mkdir(dirname(join(root, file)), { recursive: true });
  await writeFile(join(root, file), releaseFileText(version, input.source, strict));
  return { file, kinds, definitions: Object.keys(strict.definitions).length };
}
