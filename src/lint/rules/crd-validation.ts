import { crdSchemaProblems } from "../../validate/crd-schema-problems.js";
import { crdVersions, type CrdVersion } from "../../validate/crd-validators.js";
import { crdValueProblems } from "../../validate/crd-value-checks.js";
import type { JsonSchema } from "../../validate/value-schemas.js";
import type { Rule } from "../rule.js";

export const rule: Rule = {
  meta: {
    id: "crd-validation",
    defaultSeverity: "error",
    description: "Custom resources must pass what their CustomResourceDefinition states beyond types: x-kubernetes-validations CEL rules, list-type set/map uniqueness and string formats.",
    rationale:
      "The API server runs a CRD's CEL rules and list-type checks on every create and update and answers 422 when one fails, in the middle of a sync. kforge evaluates them the same way (after the schema's defaults are applied) and reports the rule's own message at the field it is about.",
    remediation: "Change the value so the rule holds, as its message says; the rule itself is under x-kubernetes-validations in the CustomResourceDefinition.",
  },
  check(context) {
    const versions = new Map<string, CrdVersion>();
    for (const crd of [...(context.target.crds ?? []), ...context.resources]) {
      for (const version of crdVersions(crd.object as JsonSchema)) versions.set(`${version.apiVersion} ${version.kind}`, version);
    }
    if (versions.size === 0) return;
    const usable = new Map<CrdVersion, boolean>();
    for (const resource of context.resources) {
      const version = versions.get(`${String(resource.object.apiVersion)} ${String(resource.object.kind)}`);
      if (!version) continue;
      // A CRD the API server would refuse is reported by crd-schema; its objects are not checked.
      if (!usable.has(version)) usable.set(version, crdSchemaProblems(version.schema, { structural: version.structural }).length === 0);
      if (!usable.get(version)) continue;
      let problems;
      try {
        problems = crdValueProblems(resource.object as Record<string, unknown>, version.schema);
      } catch (error) {
        // Only a value nested deeper than the stack gets here: a finding, never a crash of lint.
        if (!(error instanceof RangeError)) throw error;
        context.report({ resource, path: ["kind"], severity: "warning", message: `this object is nested too deeply to check against its CustomResourceDefinition's rules (${error.message})` });
        continue;
      }
      for (const problem of problems) {
        context.report({ resource, path: problem.path, message: problem.message, severity: problem.severity, ...(problem.remediation ? { remediation: problem.remediation } : {}) });
      }
    }
  },
};
