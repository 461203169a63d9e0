/** A problem in a template, positioned in the template file. Thrown inside rendering, caught by render-release. */
export class TemplateError extends Error {
  constructor(
    readonly code: "template-syntax" | "template-missing-value" | "template-unknown-helper" | "template-unsafe" | "template-output",
    message: string,
    readonly line: number,
    readonly column: number,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "TemplateError";
  }
}
