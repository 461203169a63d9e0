/**
 * The name rules the API server applies, checked before a name becomes part of a file path: a
 * name from values that the cluster would refuse must never reach the file system either.
 */

/** Namespaces are DNS-1123 labels. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_LABEL_MAX = 63;

/**
 * Object names: most kinds take DNS-1123 subdomains, RBAC kinds also take ':' (system:...) and
 * some custom resources upper case. Anything that could change a path (`/`, `..`, a leading
 * dot) or a line (control characters) is refused for every kind.
 */
const OBJECT_NAME = /^[A-Za-z0-9]([-A-Za-z0-9.:]*[A-Za-z0-9])?$/;
export const OBJECT_NAME_MAX = 253;

/** Why `namespace` is not a valid namespace name, or undefined when it is. */
export function namespaceNameProblem(namespace: string): string | undefined {
  if (namespace.length > DNS_LABEL_MAX) return `is ${namespace.length} characters long; a namespace has at most ${DNS_LABEL_MAX}`;
  if (!DNS_LABEL.test(namespace)) return "is not a DNS label: a namespace may only use lower-case letters, digits and '-', and must start and end with a letter or digit";
  return undefined;
}

/** Why `name` is not a valid object name, or undefined when it is. */
export function objectNameProblem(name: string): string | undefined {
  if (name.length === 0) return "is empty";
  if (name.length > OBJECT_NAME_MAX) return `is ${name.length} characters long; a name has at most ${OBJECT_NAME_MAX}`;
  if (!OBJECT_NAME.test(name) || name.includes("..")) return "may only use letters, digits, '-', '.' and ':', must start and end with a letter or digit, and must not contain '..'";
  return undefined;
}

/** Shows a name in a message on one line, whatever it holds. */
export function quoteName(name: string): string {
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 77)}...` : name);
}
