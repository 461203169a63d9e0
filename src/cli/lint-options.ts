import { FORMATS, isFormatName, type FormatName } from "../report/formatters.js";
import { unsupportedVersionMessage } from "../validate/schema-sets.js";
import { supportedKubernetesVersions } from "../validate/validate-schema.js";
import { closestName } from "../diagnostics/closest-name.js";
import { UsageError } from "./cli-io.js";

/** " (did you mean json?)" for a mistyped choice, or "". */
export function suggest(given: string, choices: readonly string[]): string {
  const guess = closestName(given, choices);
  return guess ? ` (did you mean ${guess}?)` : "";
}

/** Flags shared by `lint` and `check`. */
export const LINT_FLAGS = {
  format: { type: "string" },
  output: { type: "string" },
  "fail-on": { type: "string" },
  root: { type: "string" },
} as const;

export interface LintOutputOptions {
  format: FormatName;
  output?: string;
  failOn: "error" | "warning";
}

export function lintOutputOptions(values: { format?: string; output?: string; "fail-on"?: string }): LintOutputOptions {
  const format = values.format ?? "text";
  if (!isFormatName(format)) throw new UsageError(`--format ${format}: expected one of ${FORMATS.join(", ")}${suggest(format, FORMATS)}`);
  const failOn = values["fail-on"] ?? "error";
  if (failOn !== "error" && failOn !== "warning") throw new UsageError(`--fail-on ${failOn}: expected error or warning${suggest(failOn, ["error", "warning"])}`);
  return { format, output: values.output, failOn };
}

/** A supported X.Y Kubernetes version; unsupported ones are a usage error, never silence. */
export function kubeVersionOption(value: string | undefined): string {
  const supported = supportedKubernetesVersions();
  const newest = supported[supported.length - 1];
  if (value === undefined) return newest;
  const normalized = value.replace(/^v/, "").split(".").slice(0, 2).join(".");
  if (!supported.includes(normalized)) throw new UsageError(`--kube-version ${value}: ${unsupportedVersionMessage(value)}`);
  return normalized;
}

/** Today's date as YYYY-MM-DD (UTC), for exemption expiry; KFORGE_TODAY overrides it for reproducible runs. */
export function today(): string {
  return process.env.KFORGE_TODAY ?? new Date().toISOString().slice(0, 10);
}
