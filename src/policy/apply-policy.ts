import type { ValidateFunction } from "ajv";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Finding } from "../lint/finding.js";
import type { Rule } from "../lint/rule.js";
import type { RuleSetting } from "../lint/run-rules.js";
import { closestName } from "../diagnostics/closest-name.js";
import { userAjv } from "../repo/kforge-schemas.js";
import type { Exemption, Policy } from "./policy.js";

const optionsValidators = new WeakMap<Rule, ValidateFunction>();

/** Each rule's options schema is compiled once per process, however many clusters use it. */
function optionsValidator(rule: Rule): ValidateFunction {
  let validate = optionsValidators.get(rule);
  if (!validate) {
    validate = userAjv().compile(rule.meta.optionsSchema ?? {});
    optionsValidators.set(rule, validate);
  }
  return validate;
}

/** Rule settings for one cluster (or for linted paths when `cluster` is undefined). */
export function ruleSettings(policy: Policy, rules: readonly Rule[], cluster: string | undefined): { settings: Map<string, RuleSetting>; diagnostics: Diagnostic[] } {
  const settings = new Map<string, RuleSetting>();
  const diagnostics: Diagnostic[] = [];
  const known = new Map(rules.map((r) => [r.meta.id, r]));
  const layers = [policy.rules, ...(cluster && policy.clusters.has(cluster) ? [policy.clusters.get(cluster)!] : [])];
  for (const layer of layers) {
    for (const [id, setting] of layer) {
      const rule = known.get(id);
      if (!rule) {
        const guess = closestName(id, [...known.keys()]);
        diagnostics.push({ code: "policy-schema", file: setting.at.file, line: setting.at.line, column: setting.at.column, message: `unknown rule \`${id}\`${guess ? ` (did you mean \`${guess}\`?)` : ""}`, hint: "`kforge explain` lists the rules" });
        continue;
      }
      const previous = settings.get(id);
      const options = setting.options ?? previous?.options ?? {};
      if (setting.options && rule.meta.optionsSchema) {
        const validate = optionsValidator(rule);
        if (!validate(options)) {
          diagnostics.push({ code: "policy-schema", file: setting.at.file, line: setting.at.line, column: setting.at.column, message: `options of rule \`${id}\` are invalid: ${validate.errors?.map((e) => `${e.instancePath || "options"} ${e.message}`).join("; ")}` });
          continue;
        }
      }
      settings.set(id, { severity: setting.severity ?? previous?.severity ?? "default", options });
    }
  }
  // An exemption for a rule that does not exist exempts nothing: say so, with the likely id.
  for (const exemption of policy.exemptions) {
    if (known.has(exemption.rule) || (exemption.cluster !== undefined && exemption.cluster !== cluster)) continue;
    const guess = closestName(exemption.rule, [...known.keys()]);
    diagnostics.push({ code: "policy-schema", file: exemption.at.file, line: exemption.at.line, column: exemption.at.column, message: `exemption for unknown rule \`${exemption.rule}\`${guess ? ` (did you mean \`${guess}\`?)` : ""}`, hint: "`kforge explain` lists the rules" });
  }
  return { settings, diagnostics };
}

/** Drops findings an exemption that has not expired covers. */
export function applyExemptions(findings: Finding[], policy: Policy, cluster: string | undefined, today: string): { kept: Finding[]; exempted: number } {
  const active = policy.exemptions.filter((e) => e.expires >= today && (e.cluster === undefined || e.cluster === cluster));
  const kept = findings.filter((f) => !active.some((e) => covers(e, f)));
  return { kept, exempted: findings.length - kept.length };
}

/** Every expired exemption is an error of its own, so that exemptions get reviewed again. */
export function expiredExemptions(policy: Policy, today: string): Finding[] {
  const configured = policy.rules.get("policy-exemption-expired")?.severity;
  if (configured === "off") return [];
  const severity = configured ?? "error";
  return policy.exemptions
    .filter((e) => e.expires < today)
    .map((e): Finding => ({
      ruleId: "policy-exemption-expired",
      severity,
      message: `the exemption of ${e.resource.kind} ${e.resource.namespace ? `${e.resource.namespace}/` : ""}${e.resource.name} from \`${e.rule}\`${e.cluster ? ` in cluster ${e.cluster}` : ""} expired on ${e.expires}`,
      file: e.expiresAt.file,
      line: e.expiresAt.line,
      column: e.expiresAt.column,
      endLine: e.expiresAt.line,
      endColumn: e.expiresAt.column + e.expires.length,
      remediation: "fix the resource and remove the exemption, or have the platform team review it and set a new expiry date",
    }));
}

function covers(exemption: Exemption, finding: Finding): boolean {
  const r = finding.resource;
  if (!r || exemption.rule !== finding.ruleId) return false;
  const e = exemption.resource;
  return e.kind === r.kind && e.name === r.name && (e.namespace === undefined || e.namespace === (r.namespace ?? "")) && (e.apiVersion === undefined || e.apiVersion === r.apiVersion);
}
