import type { Environment } from "@marcbachmann/cel-js";
import { loadedEngine } from "./engine.js";

/** One named format of Kubernetes' format library; `check` gives the API server's error messages. */
export class NamedFormat {
  constructor(
    readonly name: string,
    readonly check: (value: string) => string[],
  ) {}
}

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const max = (value: string, limit: number) => (value.length > limit ? [`must be no more than ${limit} characters`] : []);

function label(value: string): string[] {
  return [...max(value, 63), ...(LABEL.test(value) ? [] : ["a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"])];
}
function subdomain(value: string): string[] {
  return [...max(value, 253), ...(SUBDOMAIN.test(value) ? [] : ["a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"])];
}
function label1035(value: string): string[] {
  return [...max(value, 63), ...(LABEL_1035.test(value) ? [] : ["a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character"])];
}
function qualifiedName(value: string): string[] {
  const parts = value.split("/");
  if (parts.length > 2) return ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character, with an optional DNS subdomain prefix and '/'"];
  const name = parts[parts.length - 1];
  const errors = parts.length === 2 ? subdomain(parts[0]).map((e) => `prefix part ${e}`) : [];
  if (name.length === 0) errors.push("name part must be non-empty");
  else if (name.length > 63) errors.push("name part must be no more than 63 characters");
  if (name.length > 0 && !QUALIFIED.test(name)) errors.push("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
  return errors;
}
const prefix = (check: (value: string) => string[]) => (value: string) => check(value.endsWith("-") ? `${value}a` : value);

const FORMATS = [
  new NamedFormat("dns1123Label", label),
  new NamedFormat("dns1123Subdomain", subdomain),
  new NamedFormat("dns1035Label", label1035),
  new NamedFormat("qualifiedName", qualifiedName),
  new NamedFormat("dns1123LabelPrefix", prefix(label)),
  new NamedFormat("dns1123SubdomainPrefix", prefix(subdomain)),
  new NamedFormat("dns1035LabelPrefix", prefix(label1035)),
  new NamedFormat("labelValue", (value) => [...max(value, 63), ...(LABEL_VALUE.test(value) ? [] : ["a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"])]),
  new NamedFormat("uri", (value) => (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(value) || value.startsWith("/") ? [] : ["invalid URI"])),
  new NamedFormat("uuid", (value) => (UUID.test(value) ? [] : ["does not match the UUID format"])),
  new NamedFormat("byte", (value) => (/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value) ? [] : ["invalid base64"])),
  new NamedFormat("date", (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? [] : ["invalid date"])),
  new NamedFormat("datetime", (value) => (/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(value) ? [] : ["invalid datetime"])),
];

class FormatNamespace {}

/** Kubernetes' format library: format.<name>() and format.named(name), each with validate(value). */
export function registerFormatLibrary(env: Environment): void {
  env.registerType("kubernetes.NamedFormat", NamedFormat);
  env.registerType("FormatNamespace", FormatNamespace);
  env.registerConstant("format", "FormatNamespace", new FormatNamespace());
  for (const format of FORMATS) env.registerFunction(`FormatNamespace.${format.name}(): kubernetes.NamedFormat`, () => format);
  env.registerFunction("FormatNamespace.named(string): optional<kubernetes.NamedFormat>", (_: unknown, name: string) => loadedEngine().Optional.of(FORMATS.find((format) => format.name === name)));
  env.registerFunction("kubernetes.NamedFormat.validate(string): optional<list<string>>", (format: NamedFormat, value: string) => {
    const errors = format.check(value);
    return errors.length > 0 ? loadedEngine().Optional.of(errors) : loadedEngine().Optional.none();
  });
}
