import type { Resource } from "../../resources/resource.js";
import { createSchemaValidator } from "../../validate/validate-schema.js";
import type { Rule } from "../rule.js";

type MissingSchema = "error" | "warning" | "info" | "off";

const UNUSABLE_CRD = "fix the CustomResourceDefinition's schema where the crd-schema finding points; then these objects are checked again";

export const rule: Rule = {
  meta: {
    id: "schema",
    defaultSeverity: "error",
    description: "Manifests must match the Kubernetes API schema of the target version, strictly: no unknown fields, exact types.",
    rationale:
      "The API server rejects wrong types, and silently drops unknown fields: a typo such as `containnerPort` or `imagePullPolicyy` applies cleanly and does nothing. Custom resources are checked against the CustomResourceDefinitions in the linted set and the Argo CD and Flux schemas kforge ships.",
    remediation: "Fix the field name or value as the message says; `kubectl explain <kind>.<field>` shows the API's definition.",
    optionsSchema: {
      type: "object",
      additionalProperties: false,
      properties: {
        missingSchema: { enum: ["error", "warning", "info", "off"], default: "warning", description: "Severity for a kind that has no schema (neither built in nor defined by a CRD in the set)." },
      },
    },
  },
  check(context) {
    const missingSchema = (context.options.missingSchema as MissingSchema | undefined) ?? "warning";
    // CRDs in the linted set come last: they replace an imported CRD of the same kind.
    const inSet = context.resources.filter((r) => r.object.kind === "CustomResourceDefinition" && String(r.object.apiVersion).startsWith("apiextensions.k8s.io/"));
    const crds = [...(context.target.crds ?? []), ...inSet];
    const validator = createSchemaValidator({ kubernetesVersion: context.target.kubernetesVersion, crds });
    for (const resource of context.resources) {
      for (const problem of validator.validate(resource as Resource)) {
        if (problem.code === "no-schema") {
          if (missingSchema === "off") continue;
          context.report({ resource, path: problem.path, message: problem.message, severity: missingSchema, remediation: "add the CustomResourceDefinition to the linted files or import it (`kforge schemas import --crds NAME ...`, then list NAME in the cluster's spec.schemas.crds), or set the `schema` rule's `missingSchema` option in policy" });
          continue;
        }
        const remediation = problem.code === "crd-schema-unusable" ? UNUSABLE_CRD : problem.remediation;
        context.report({ resource, path: problem.path, message: problem.message, severity: problem.severity, ...(remediation ? { remediation } : {}) });
      }
    }
  },
};
