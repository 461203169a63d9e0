import type { ValidateFunction } from "ajv";
import type { Diagnostic } from "../diagnostics/diagnostic.js";

export interface TemplateFile {
  /** Relative to the repository root. */
  file: string;
  source: string;
}

export interface Blueprint {
  name: string;
  dir: string;
  /** The repository's blueprints/ or kforge's library (written in each generated file's header). */
  origin: "repository" | "library";
  version: string;
  description: string;
  /** Supported Kubernetes versions, e.g. ">=1.19". */
  kubernetes?: string;
  schemaFile: string;
  /** The values schema, parsed and checked on first use: problems, or a validator compiled on first use. */
  valuesSchema: () => ValuesSchema;
  /** Hash of every file of the blueprint, for cache keys. */
  contentHash: string;
  /** Sorted by file name: the render order. */
  templates: TemplateFile[];
}

export interface ValuesSchema {
  validator?: () => ValidateFunction;
  diagnostics: Diagnostic[];
}
