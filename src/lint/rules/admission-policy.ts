import { compilePolicy, type CompiledPolicy } from "../../admission/admission-compile.js";
import { evaluatePolicy, type PolicyFailure } from "../../admission/admission-evaluate.js";
import { typeProblems } from "../../admission/admission-type-check.js";
import { matchesCriteria } from "../../admission/admission-match.js";
import { resolveParams } from "../../admission/admission-params.js";
import { admissionRequest, namespaceLookup } from "../../admission/admission-request.js";
import { crdPlurals } from "../../admission/admission-resources.js";
import { unservedReason } from "../../admission/admission-versions.js";
import type { Resource } from "../../resources/resource.js";
import type { Severity } from "../finding.js";
import { apiGroupOf, isKindOf } from "../kube/api-kinds.js";
import { scopeResolver } from "../kube/resource-scope.js";
import { isObject } from "../kube/workloads.js";
import type { Rule, RuleContext } from "../rule.js";

const GROUP = "admissionregistration.k8s.io";
const POLICY = "ValidatingAdmissionPolicy";
const BINDING = "ValidatingAdmissionPolicyBinding";
const ACTIONS: Record<string, Severity> = { Deny: "error", Warn: "warning", Audit: "info" };

export const rule: Rule = {
  meta: {
    id: "admission-policy",
    defaultSeverity: "error",
    description: "Objects must pass the cluster's ValidatingAdmissionPolicies (CEL), from the linted set and from policies/admission/, evaluated for a CREATE as the API server does.",
    rationale:
      "The API server evaluates ValidatingAdmissionPolicies on every create and refuses the object when a validation with the Deny action fails: the sync stops there, after the PR was merged. kforge evaluates the policies and their bindings offline (match rules, namespace and object selectors, matchConditions, variables, params, validationActions, failurePolicy) and reports the message the API server would return. Policies whose expressions do not compile, bindings to a missing policy and API versions the cluster does not serve are reported too. `authorizer` checks need the live cluster, so a policy using them is reported as not evaluated.",
    remediation: "Change the object so the policy's validation holds, as its message says; the policy and its binding name the rule (or fix the policy itself when the finding is on it).",
    example: `# policies/admission/replica-ceiling.yaml (or in a cluster's tree)
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: replica-ceiling}
spec:
  matchConstraints:
    resourceRules:
    - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [deployments]}
  validations:
  - expression: "object.spec.replicas <= 3"
    message: "at most 3 replicas"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: replica-ceiling}
spec:
  policyName: replica-ceiling
  validationActions: [Deny]

# A Deployment with replicas: 5 gets, at spec.replicas (and its values line):
# error  ValidatingAdmissionPolicy 'replica-ceiling' with binding 'replica-ceiling' denied request: at most 3 replicas`,
  },
  check(context) {
    const repository = context.target.admission ?? [];
    const inSet = context.resources.filter((resource) => isAdmissionKind(resource));
    if (inSet.length === 0 && !repository.some((resource) => isAdmissionKind(resource))) return;
    const policies = new Map<string, Resource>();
    const bindings: Resource[] = [];
    for (const [resources, fromRepository] of [[repository, true], [inSet, false]] as const) {
      for (const resource of resources) {
        const kind = isAdmissionKind(resource);
        if (!kind) continue;
        const unserved = unservedReason(String(resource.object.apiVersion), kind, context.target.kubernetesVersion);
        if (unserved && !fromRepository) {
          context.report({ resource, path: ["apiVersion"], message: `${unserved.reason}: the cluster refuses this object, so the policy is not in force; ${unserved.instead}` });
          continue;
        }
        if (unserved && kind === POLICY) {
          context.report({
            resource,
            path: ["apiVersion"],
            severity: "info",
            message: `${POLICY} '${nameOf(resource)}' of policies/admission/ is evaluated by kforge only: ${unserved.reason}, so the cluster cannot enforce it (${unserved.instead})`,
            remediation: "Nothing to fix: kforge keeps checking the policy on every PR. For the cluster to enforce it too, apply it with an API version its Kubernetes release serves, or limit it to other clusters with the kforge.dev/clusters annotation.",
          });
        }
        if (kind === POLICY) policies.set(nameOf(resource), resource);
        else bindings.push(resource);
      }
    }
    const usable = new Set<CompiledPolicy>();
    for (const resource of policies.values()) {
      const policy = compilePolicy(resource);
      for (const problem of policy.problems) context.report({ resource, path: problem.path, message: `${POLICY} '${policy.name}': ${problem.message}` });
      if (policy.problems.length > 0) continue;
      if (policy.authorizerAt) {
        context.report({ resource, path: policy.authorizerAt, severity: "warning", message: `${POLICY} '${policy.name}' was not evaluated: it uses \`authorizer\`, which needs the API server's authorization checks; the cluster still enforces it`, remediation: "Nothing to fix offline; test this policy against a cluster, or move the authorizer check into its own policy so the rest is evaluated." });
        continue;
      }
      if (policy.unsupported) {
        context.report({ resource, path: ["spec"], severity: "warning", message: `${POLICY} '${policy.name}' was not evaluated: ${policy.unsupported}`, remediation: "Nothing to fix in the policy; kforge cannot evaluate this expression yet." });
        continue;
      }
      usable.add(policy);
    }
    const bound: { binding: Resource; policy: CompiledPolicy; severity: Severity; verb: string }[] = [];
    for (const binding of bindings) {
      const spec = isObject(binding.object.spec) ? binding.object.spec : {};
      const policyName = typeof spec.policyName === "string" ? spec.policyName : "";
      const target = policies.get(policyName);
      if (!target) {
        context.report({ resource: binding, path: ["spec", "policyName"], message: `${BINDING} '${nameOf(binding)}' binds ${POLICY} '${policyName}', which is not in the set${repository.length > 0 ? " nor in policies/admission/" : ""}: nothing is enforced`, remediation: `Name an existing ${POLICY} in spec.policyName, or add the policy.` });
        continue;
      }
      const actions = validationActions(context, binding);
      if (!actions) continue;
      const policy = compilePolicy(target);
      if (!usable.has(policy)) continue;
      const action = actions.includes("Deny") ? "Deny" : actions.includes("Warn") ? "Warn" : "Audit";
      bound.push({ binding, policy, severity: ACTIONS[action], verb: action });
    }
    if (bound.length === 0) return;
    evaluateAll(context, bound, repository);
  },
};

function evaluateAll(context: RuleContext, bound: { binding: Resource; policy: CompiledPolicy; severity: Severity; verb: string }[], repository: readonly Resource[]): void {
  const pool = [...context.resources, ...repository.filter((resource) => !isAdmissionKind(resource))];
  const isClusterScoped = scopeResolver(pool);
  const plurals = crdPlurals(context.resources);
  const namespaces = namespaceLookup(context.resources);
  const typeChecked = new Set<string>();
  for (const resource of context.resources) {
    // The API server never runs these policies on their own kinds, so a policy cannot lock itself in.
    if (apiGroupOf(resource.object.apiVersion) === GROUP) continue;
    let request: ReturnType<typeof admissionRequest> | undefined;
    for (const { binding, policy, severity, verb } of bound) {
      request ??= admissionRequest(resource, isClusterScoped(resource), plurals, namespaces);
      if (!matchesCriteria(policy.matchConstraints, request.match)) continue;
      reportTypeProblems(context, policy, resource, typeChecked);
      const spec = isObject(binding.object.spec) ? binding.object.spec : {};
      if (spec.matchResources !== undefined && !matchesCriteria(spec.matchResources, request.match)) continue;
      const params = resolveParams(policy, binding, pool, request.match.namespace, isClusterScoped);
      if ("skip" in params) continue;
      const failures: PolicyFailure[] =
        "error" in params ? (policy.failurePolicy === "Fail" ? [{ message: params.error, path: [], evaluationError: true }] : []) : params.params.flatMap((value) => evaluatePolicy(policy, request!.variables, value));
      for (const failure of failures) {
        context.report({ resource, path: failure.path, severity, message: findingMessage(policy.name, nameOf(binding), verb, failure), ...(failure.evaluationError ? { remediation: `The policy could not be evaluated for this object and its failurePolicy is Fail, so the API server refuses it: fix the policy or its params, or the object.` } : {}) });
      }
    }
  }
}

/** Type problems of a policy for the kind of an object it matches, once per policy and kind. */
function reportTypeProblems(context: RuleContext, policy: CompiledPolicy, resource: Resource, done: Set<string>): void {
  const apiVersion = String(resource.object.apiVersion);
  const kind = String(resource.object.kind);
  const id = `${policy.name}|${apiVersion}|${kind}`;
  if (done.has(id)) return;
  done.add(id);
  for (const problem of typeProblems(policy, apiVersion, kind, context.target.kubernetesVersion)) {
    context.report({
      resource: policy.resource, path: problem.path, severity: "warning",
      message: `${POLICY} '${policy.name}': ${problem.message}; the API server reports this in the policy's status.typeChecking, and the expression fails when it runs on such an object`,
      remediation: "Fix the field name or the types in the expression, or narrow matchConstraints to the kinds it is written for (a ternary on object.kind does not help the type checker: wrap each branch in dyn())." ,
    });
  }
}

/** The binding's validationActions, or undefined (reported) when the API server would refuse them. */
function validationActions(context: RuleContext, binding: Resource): string[] | undefined {
  const spec = isObject(binding.object.spec) ? binding.object.spec : {};
  const listed: unknown[] = Array.isArray(spec.validationActions) ? spec.validationActions : [];
  const refuse = (path: (string | number)[], message: string) => {
    context.report({ resource: binding, path: ["spec", "validationActions", ...path], message: `${BINDING} '${nameOf(binding)}': ${message}` });
    return undefined;
  };
  if (listed.length === 0) return refuse([], "needs `validationActions`: a list of Deny, Warn and Audit");
  const unknown = listed.findIndex((action) => typeof action !== "string" || !(action in ACTIONS));
  if (unknown >= 0) return refuse([unknown], `\`${String(listed[unknown])}\` is not a validation action: use Deny, Warn or Audit`);
  if (listed.includes("Deny") && listed.includes("Warn")) return refuse([], "Deny and Warn may not be used together: Deny already reports the failure to the client");
  return listed as string[];
}

/** The API server's text for a failed validation under each action. */
function findingMessage(policy: string, binding: string, action: string, failure: PolicyFailure): string {
  const reason = failure.reason ? ` (reason ${failure.reason}, HTTP ${HTTP[failure.reason]})` : "";
  if (action === "Deny") return `${POLICY} '${policy}' with binding '${binding}' denied request: ${failure.message}${reason}`;
  if (action === "Warn") return `Validation failed for ${POLICY} '${policy}' with binding '${binding}': ${failure.message}`;
  return `${POLICY} '${policy}' with binding '${binding}' failed validation (Audit, recorded in the audit log only): ${failure.message}`;
}

const HTTP: Record<string, number> = { Unauthorized: 401, Forbidden: 403, Invalid: 422, RequestEntityTooLarge: 413 };

function isAdmissionKind(resource: Resource): typeof POLICY | typeof BINDING | undefined {
  if (isKindOf(resource, POLICY, [GROUP])) return POLICY;
  if (isKindOf(resource, BINDING, [GROUP])) return BINDING;
  return undefined;
}

function nameOf(resource: Resource): string {
  const name = resource.object.metadata?.name;
  return typeof name === "string" ? name : "";
}
