import { schemaTypeCheck } from "../cel/schema-types.js";
import type { FieldPath } from "../resources/resource.js";
import { loadKubernetesBundle } from "../validate/schema-bundle.js";
import { resolveTarget } from "../validate/schema-sets.js";
import { ADMISSION_VARIABLES, type CompiledPolicy } from "./admission-compile.js";

export interface TypeProblem {
  path: FieldPath;
  message: string;
}

/**
 * What the API server's type checking of a policy says for one matched kind: each expression is
 * checked with `object` typed by the kind's schema at the cluster's release (built-in kinds only;
 * custom resources stay dyn). The API server reports these in the policy's status.typeChecking
 * and keeps the policy; the expression then fails when it runs on such an object.
 */
export function typeProblems(policy: CompiledPolicy, apiVersion: string, kind: string, kubernetesVersion: string): TypeProblem[] {
  const release = resolveTarget(kubernetesVersion)?.version;
  const bundle = loadKubernetesBundle();
  const key = release ? bundle.releases[release]?.kinds[apiVersion]?.[kind] : undefined;
  if (!key) return [];
  const checker = schemaTypeCheck(key, bundle.definitions, ADMISSION_VARIABLES.filter((name) => name !== "object"));
  if (!checker) return [];
  const expressions: { path: FieldPath; text: string }[] = [
    ...policy.matchConditions.map((e) => ({ path: e.path, text: e.program.expression })),
    ...policy.variables.map((e) => ({ path: e.path, text: e.program.expression })),
    ...policy.validations.flatMap((v) => [
      { path: v.path, text: v.program.expression },
      ...(v.messageExpression ? [{ path: [...v.path.slice(0, -1), "messageExpression"], text: v.messageExpression.expression }] : []),
    ]),
  ];
  return expressions.flatMap(({ path, text }) => {
    const problem = checker.check(text);
    return problem ? [{ path, message: `${path.join(".")} does not type-check against ${apiVersion} ${kind}: ${problem}` }] : [];
  });
}
