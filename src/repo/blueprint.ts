import type { ValidateFunction } from "ajv";
import type { YamlFile } from "../yaml/read-yaml-file.js";

export interface TemplateFile {
  /** Relative to the repository root. */
  file: string;
  source: string;
}

export interface Blueprint {
  name: string;
  dir: string;
  version: string;
  description: string;
  /** Supported Kubernetes versions, e.g. ">=1.19". */
  kubernetes?: string;
  schemaFile: string;
  schema: YamlFile;
  /** The values schema, compiled on first use. */
  valuesValidator: () => ValidateFunction;
  /** Hash of every file of the blueprint, for cache keys. */
  contentHash: string;
  /** Sorted by file name: the render order. */
  templates: TemplateFile[];
}
