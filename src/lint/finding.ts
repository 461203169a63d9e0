import type { ResourceId } from "../resources/resource.js";
import type { SourceRef } from "../yaml/span.js";

export type Severity = "error" | "warning" | "info";

/** One lint result: plain data with a real position, never thrown. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  resource?: ResourceId;
  remediation?: string;
  /** For rendered resources: the values entry (or template line) that produced the field. */
  source?: SourceRef;
  /** Name of the cluster whose render produced the resource, in cluster mode. */
  cluster?: string;
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
