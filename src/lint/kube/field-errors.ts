import type { FieldPath } from "../../resources/resource.js";

/**
 * The API server's field errors (k8s.io/apimachinery/pkg/util/validation/field), as text:
 * `spec.containers[0].name: Invalid value: "Web": <detail>`.
 */
export interface FieldError {
  /** Where the finding points (the offending value). */
  path: FieldPath;
  message: string;
  /** The API server only warns (it accepts the object). */
  warning?: boolean;
}

/** `spec.template.spec.containers[0].name`, as the API server writes paths. */
export function fieldPathText(path: FieldPath): string {
  let text = "";
  for (const step of path) {
    if (typeof step === "number") text += `[${step}]`;
    else text += text === "" ? step : `.${step}`;
  }
  return text;
}

/** A bad value as the API server shows it: strings quoted, numbers and booleans plain, others as JSON. */
export function showValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 300 ? `${value.slice(0, 297)}...` : value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value) ?? "null";
}

export function invalid(path: FieldPath, value: unknown, detail: string, at: FieldPath = path): FieldError {
  return { path: at, message: `${fieldPathText(path)}: Invalid value: ${showValue(value)}: ${detail}` };
}

export function required(path: FieldPath, detail = "", at: FieldPath = path): FieldError {
  return { path: at, message: `${fieldPathText(path)}: Required value${detail ? `: ${detail}` : ""}` };
}

export function duplicate(path: FieldPath, value: unknown, at: FieldPath = path): FieldError {
  return { path: at, message: `${fieldPathText(path)}: Duplicate value: ${showValue(value)}` };
}

export function notFound(path: FieldPath, value: unknown, detail = ""): FieldError {
  return { path, message: `${fieldPathText(path)}: Not found: ${showValue(value)}${detail ? `: ${detail}` : ""}` };
}

export function notSupported(path: FieldPath, value: unknown, supported: readonly string[], at: FieldPath = path): FieldError {
  return { path: at, message: `${fieldPathText(path)}: Unsupported value: ${showValue(value)}: supported values: ${supported.map((s) => JSON.stringify(s)).join(", ")}` };
}

export function tooLong(path: FieldPath, max: number, unit: string): FieldError {
  return { path, message: `${fieldPathText(path)}: Too long: must have at most ${max} ${unit}` };
}

/** A warning the API server returns while accepting the object. */
export function warning(path: FieldPath, text: string): FieldError {
  return { path, message: `${fieldPathText(path)}: ${text}`, warning: true };
}

/** Checks `value` with a format check and turns each problem into an Invalid error. */
export function invalidEach(path: FieldPath, value: string, problems: readonly string[], at: FieldPath = path): FieldError[] {
  return problems.length === 0 ? [] : problems.map((p) => invalid(path, value, p, at));
}
