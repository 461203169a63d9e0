/** A problem with what `kforge schemas import` was given or found: one sentence, exit 2, no trace. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportError";
  }
}
