/** A range in a text file; lines and columns are 1-based, end is exclusive in column. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A place in a user-edited file: a values entry, a cluster.yaml field, or a template line. */
export interface SourceRef {
  file: string;
  line: number;
  column: number;
}

export const WHOLE_FILE: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };
