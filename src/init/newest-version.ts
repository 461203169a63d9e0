import { SUPPORTED_MINORS } from "../validate/schema-sets.js";

/** The newest Kubernetes minor kforge has schemas for: the default of a new cluster. */
export function newestVersion(): string {
  return `1.${SUPPORTED_MINORS.max}`;
}
