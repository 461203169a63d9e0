import type { Rule } from "../rule.js";
import { describeObject, nameOrIndex } from "../kube/api-kinds.js";
import { credentialWordPosition } from "../kube/credential-names.js";
import { containersOf, isObject, podTemplates } from "../kube/workloads.js";

/** Values that cannot be a credential: a $(VAR) or ${VAR} reference, a switch (MYSQL_RANDOM_ROOT_PASSWORD=1), or a file path. */
const NOT_A_CREDENTIAL = /^(?:\$\([A-Za-z_][\w.-]*\)|\$\{[A-Za-z_]\w*\}|true|false|yes|no|on|off|0|1|\/[\w./-]*)$/i;
/** Values that are settings, not secrets, when the credential word is not the last word (SECRET_ROTATION=30d). */
const SETTING = /^(?:\d+(?:\.\d+)?(?:ns|us|ms|s|m|h|d)?|[a-z][\w+.-]*:\/\/[^@\s]*)$/i;
const TRUTHY = /^(?:1|yes|true|on)$/i;

export const rule: Rule = {
  meta: {
    id: "plaintext-credential-env",
    defaultSeverity: "error",
    description: "A container env variable named like a credential (password, token, API key, ...) has a literal value.",
    rationale:
      "A literal env value is part of the manifest: it is committed to git, shown by `kubectl get -o yaml` and " +
      "`kubectl describe`, and visible to everyone who can read the workload, unlike a Secret, which RBAC can restrict. " +
      "Flags that disable the password altogether (MYSQL_ALLOW_EMPTY_PASSWORD, POSTGRES_HOST_AUTH_METHOD=trust) leave the database open.",
    remediation:
      "Move the value into a Secret (managed outside git) and read it with `valueFrom.secretKeyRef`, or mount it as a " +
      "file; for empty-password flags, set a password from a Secret instead.",
    optionsSchema: {
      type: "object",
      properties: {
        namePatterns: { type: "array", items: { type: "string" }, description: "Extra regular expressions (case-insensitive) for credential env names." },
        allowNames: { type: "array", items: { type: "string" }, description: "Env names never reported (exact, case-insensitive)." },
      },
      additionalProperties: false,
    },
  },
  check(context) {
    const allowed = new Set(stringList(context.options.allowNames).map((n) => n.toLowerCase()));
    const extra = stringList(context.options.namePatterns).flatMap((p) => {
      try {
        return [new RegExp(p, "i")];
      } catch {
        return []; // an invalid pattern is reported by policy validation, not here
      }
    });
    for (const template of podTemplates(context.resources)) {
      for (const { container, path } of containersOf(template)) {
        const env = (container as { env?: unknown }).env;
        if (!Array.isArray(env)) continue;
        const who = `container ${nameOrIndex(container, path[path.length - 1])} in ${describeObject(template.resource, false)}`;
        env.forEach((entry, i) => {
          if (!isObject(entry) || typeof entry.name !== "string" || allowed.has(entry.name.toLowerCase())) return;
          const value = typeof entry.value === "number" ? String(entry.value) : entry.value;
          if (typeof value !== "string" || value.trim() === "") return;
          const at = [...path, "env", i, "value"];
          const name = entry.name;
          if (disablesPassword(name, value)) {
            context.report({
              resource: template.resource, path: at, severity: "warning",
              message: `${name}=${value} in ${who} runs the database without a password`,
              remediation: "Set a real password from a Secret (valueFrom.secretKeyRef) instead of allowing none.",
            });
          } else if (isCredentialLiteral(name, value, extra)) {
            context.report({ resource: template.resource, path: at, message: `${name} in ${who} holds a literal value; read the credential from a Secret` });
          }
        });
      }
    }
  },
};

function isCredentialLiteral(name: string, value: string, extra: readonly RegExp[]): boolean {
  const trimmed = value.trim();
  if (/ALLOW_EMPTY_PASSWORD$/i.test(name) || NOT_A_CREDENTIAL.test(trimmed)) return false;
  if (extra.some((re) => re.test(name))) return true;
  const position = credentialWordPosition(name);
  return position === "final" || (position === "inner" && !SETTING.test(trimmed));
}

function disablesPassword(name: string, value: string): boolean {
  const upper = name.toUpperCase();
  return (upper.endsWith("ALLOW_EMPTY_PASSWORD") && TRUTHY.test(value.trim())) ||
    (upper === "POSTGRES_HOST_AUTH_METHOD" && value.trim().toLowerCase() === "trust");
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
