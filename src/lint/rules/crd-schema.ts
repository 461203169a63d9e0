import { crdSchemaProblems } from "../../validate/crd-schema-problems.js";
import { crdVersions } from "../../validate/crd-validators.js";
import type { JsonSchema } from "../../validate/value-schemas.js";
import type { Rule } from "../rule.js";

export const rule: Rule = {
  meta: {
    id: "crd-schema",
    defaultSeverity: "error",
    description: "A CustomResourceDefinition whose openAPIV3Schema the API server would refuse: an unknown `type`, a bad `pattern`, a `$ref`, a non-structural schema, a CEL rule that does not compile.",
    rationale:
      "The API server refuses the whole CustomResourceDefinition, so the kind never exists and every object of it fails to apply. kforge cannot check those objects against a broken schema either: they are not schema-checked until it is fixed.",
    remediation: "Fix the keyword at the position shown; `kubectl apply --dry-run=server -f <crd>` shows the API server's own verdict.",
  },
  check(context) {
    // CRDs in the set, and the imported sets the target uses (schemas/imported/crds/): a broken
    // imported CRD is reported in its own file, where the import wrote it.
    for (const crd of [...context.resources, ...(context.target.crds ?? [])]) {
      // A v1beta1 schema shared by several versions is reported once.
      const seen = new Set<string>();
      for (const version of crdVersions(crd.object as JsonSchema)) {
        const key = version.path.join("/");
        if (seen.has(key)) continue;
        seen.add(key);
        const problems = crdSchemaProblems(version.schema, { structural: version.structural });
        for (const problem of problems) {
          context.report({
            resource: crd,
            path: [...version.path, ...problem.path],
            message: `${problem.message}; ${version.apiVersion} ${version.kind} objects are not schema-checked until this is fixed`,
          });
        }
      }
    }
  },
};
