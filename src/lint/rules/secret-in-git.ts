import type { Rule } from "../rule.js";
import { describeObject, isKindOf } from "../kube/api-kinds.js";
import { isObject } from "../kube/workloads.js";

/** A value that carries no secret: empty, a SOPS ciphertext, or a placeholder filled in at deploy time. */
const NOT_A_SECRET = /^(?:|ENC\[[A-Z0-9_]+,.*\]|\$\{[^}]*\}|\{\{[^}]*\}\})$/s;

export const rule: Rule = {
  meta: {
    id: "secret-in-git",
    defaultSeverity: "error",
    description: "A Secret with data or stringData values is committed in plain text.",
    rationale:
      "Secret data is only base64-encoded, not encrypted: anyone who can read the repository (or its history, forks " +
      "and CI logs) can read the credentials, and removing them later does not remove them from git history.",
    remediation:
      "Keep the values out of git: encrypt the Secret with SOPS or Sealed Secrets, or have External Secrets (or the " +
      "CSI secrets store) create it from a vault. Rotate any credential that was already committed.",
  },
  check(context) {
    for (const resource of context.resources) {
      if (!isKindOf(resource, "Secret", [""])) continue;
      // A SOPS-encrypted file keeps its ciphertext in data and its metadata in a top-level `sops` key.
      if (isObject(resource.object.sops)) continue;
      const filled: { field: string; key: string }[] = [];
      for (const field of ["data", "stringData"]) {
        const values = resource.object[field];
        if (!isObject(values)) continue;
        for (const [key, value] of Object.entries(values)) {
          if ((typeof value === "string" && !NOT_A_SECRET.test(value.trim())) || typeof value === "number") filled.push({ field, key });
        }
      }
      if (filled.length === 0) continue;
      const keys = filled.map((f) => f.key);
      const shown = keys.length > 3 ? `${keys.slice(0, 3).join(", ")} and ${keys.length - 3} more` : keys.join(", ");
      context.report({
        resource,
        path: [filled[0].field, filled[0].key],
        message: `${describeObject(resource, false)} commits ${filled.length === 1 ? "a secret value" : `${filled.length} secret values`} in plain text (${shown}); base64 is not encryption`,
      });
    }
  },
};
