import type { FieldPath, KubeObject, Resource } from "../resources/resource.js";
import type { Span, SourceRef } from "../yaml/span.js";
import { emitManifest } from "./emit-yaml.js";
import { pathKey, type DocumentOrigins } from "./origin-map.js";

/** A resource produced by a release: its data, the YAML kforge writes for it, and where it came from. */
export class RenderedResource implements Resource {
  private spans?: Map<string, Span>;
  private bodyOffset = 0;

  constructor(
    readonly object: KubeObject,
    /** Path of the file it is written to, relative to the repository root. */
    readonly file: string,
    readonly release: string,
    readonly templateFile: string,
    /** Absent for objects kforge adds itself (namespaces). */
    private readonly origins: DocumentOrigins | undefined,
    /** The manifest as written (without the file header). */
    readonly body: string,
    /** Lines before the body in the written file (the header). */
    headerLines: number,
  ) {
    this.bodyOffset = headerLines;
  }

  get documentIndex(): number {
    return 0;
  }

  /** Positions are computed on first use by writing the manifest again with a position callback. */
  locate(path: FieldPath): Span {
    if (!this.spans) {
      const spans = new Map<string, Span>();
      emitManifest(this.object as Record<string, unknown>, (p, s) =>
        spans.set(pathKey(p), { line: s.line + this.bodyOffset, column: s.column, endLine: s.endLine + this.bodyOffset, endColumn: s.endColumn }),
      );
      this.spans = spans;
    }
    for (let n = path.length; n >= 0; n--) {
      const span = this.spans.get(pathKey(path.slice(0, n)));
      if (span) return span;
    }
    return { line: this.bodyOffset + 1, column: 1, endLine: this.bodyOffset + 1, endColumn: 1 };
  }

  /**
   * Where the text on a line of the written file came from (the values entry or template line),
   * for pointing a stale committed file at the input that changed it. The deepest field that
   * starts on the line wins.
   */
  originOfLine(line: number): SourceRef | undefined {
    let best: FieldPath | undefined;
    emitManifest(this.object as Record<string, unknown>, (p, s) => {
      if (s.line + this.bodyOffset === line && (!best || p.length > best.length)) best = p;
    });
    return best ? this.origin(best) : undefined;
  }

  origin(path: FieldPath): SourceRef | undefined {
    return this.origins?.of(path);
  }
}
