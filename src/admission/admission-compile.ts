import { compileCel, type CelProgram } from "../cel/cel-program.js";
import { isObject } from "../lint/kube/workloads.js";
import type { FieldPath, Resource } from "../resources/resource.js";

/** The variables an admission policy's expressions see (authorizer only to recognise its use). */
export const ADMISSION_VARIABLES = ["object", "oldObject", "request", "params", "namespaceObject", "variables", "authorizer"];

export interface CompiledExpression {
  program: CelProgram;
  /** Where the expression is written in the policy. */
  path: FieldPath;
}

export interface NamedExpression extends CompiledExpression {
  name: string;
}

export interface CompiledValidation extends CompiledExpression {
  message?: string;
  messageExpression?: CelProgram;
  reason?: string;
}

export interface CompiledPolicy {
  resource: Resource;
  name: string;
  failurePolicy: "Fail" | "Ignore";
  matchConstraints: unknown;
  paramKind?: { apiVersion: string; kind: string };
  matchConditions: NamedExpression[];
  variables: NamedExpression[];
  validations: CompiledValidation[];
  /** Where the first expression that uses `authorizer` is written: such a policy is not evaluated offline. */
  authorizerAt?: FieldPath;
  /** Expressions that do not compile or invalid entries: the API server refuses the policy, so it is not evaluated. */
  problems: { path: FieldPath; message: string }[];
  /** Expressions valid in CEL that the engine cannot run (or no engine): the policy is not evaluated. */
  unsupported?: string;
}

const REASONS = ["Unauthorized", "Forbidden", "Invalid", "RequestEntityTooLarge"];
const cache = new WeakMap<Resource, CompiledPolicy>();

/** A ValidatingAdmissionPolicy's expressions, compiled once per object. */
export function compilePolicy(resource: Resource): CompiledPolicy {
  let compiled = cache.get(resource);
  if (!compiled) {
    compiled = compile(resource);
    cache.set(resource, compiled);
  }
  return compiled;
}

function compile(resource: Resource): CompiledPolicy {
  const spec = isObject(resource.object.spec) ? resource.object.spec : {};
  const metadata = isObject(resource.object.metadata) ? resource.object.metadata : {};
  const policy: CompiledPolicy = {
    resource,
    name: typeof metadata.name === "string" ? metadata.name : "",
    failurePolicy: spec.failurePolicy === "Ignore" ? "Ignore" : "Fail",
    matchConstraints: spec.matchConstraints,
    matchConditions: [],
    variables: [],
    validations: [],
    problems: [],
  };
  if (spec.failurePolicy !== undefined && spec.failurePolicy !== "Fail" && spec.failurePolicy !== "Ignore") {
    policy.problems.push({ path: ["spec", "failurePolicy"], message: "`failurePolicy` must be Fail or Ignore" });
  }
  if (spec.paramKind !== undefined) {
    const { apiVersion, kind } = isObject(spec.paramKind) ? spec.paramKind : {};
    if (typeof apiVersion === "string" && typeof kind === "string") policy.paramKind = { apiVersion, kind };
    else policy.problems.push({ path: ["spec", "paramKind"], message: "`paramKind` needs `apiVersion` and `kind`" });
  }
  const expression = (text: unknown, path: FieldPath, what: string): CelProgram | undefined => {
    if (typeof text !== "string" || text.trim() === "") {
      policy.problems.push({ path, message: `${what} must be a CEL expression (a non-empty string)` });
      return undefined;
    }
    const result = compileCel(text, ADMISSION_VARIABLES);
    if (result.ok) {
      if (result.program.references.has("authorizer")) policy.authorizerAt ??= path;
      return result.program;
    }
    if (/\bauthorizer\b/.test(text)) {
      policy.authorizerAt ??= path;
      return undefined;
    }
    if (result.error.unsupported) {
      policy.unsupported ??= result.error.message;
      return undefined;
    }
    const at = result.error.offset !== undefined ? ` (at character ${result.error.offset + 1})` : "";
    policy.problems.push({ path, message: `${what} does not compile: ${result.error.message}${at}` });
    return undefined;
  };
  const named = (list: unknown, key: string, into: NamedExpression[]) => {
    if (list === undefined) return;
    if (!Array.isArray(list)) {
      policy.problems.push({ path: ["spec", key], message: `\`${key}\` must be a list` });
      return;
    }
    list.forEach((entry, index) => {
      const at = ["spec", key, index];
      const name = isObject(entry) && typeof entry.name === "string" ? entry.name : "";
      if (name === "") policy.problems.push({ path: at, message: `each entry of \`${key}\` needs a \`name\`` });
      const program = expression(isObject(entry) ? entry.expression : undefined, [...at, "expression"], `the ${key === "variables" ? "variable" : "match condition"} '${name}'`);
      if (program) into.push({ name, program, path: [...at, "expression"] });
    });
  };
  named(spec.matchConditions, "matchConditions", policy.matchConditions);
  named(spec.variables, "variables", policy.variables);
  if (spec.validations !== undefined && !Array.isArray(spec.validations)) policy.problems.push({ path: ["spec", "validations"], message: "`validations` must be a list" });
  (Array.isArray(spec.validations) ? spec.validations : []).forEach((entry: unknown, index: number) => {
    const at = ["spec", "validations", index];
    const validation = isObject(entry) ? entry : {};
    const program = expression(validation.expression, [...at, "expression"], `the expression of validations[${index}]`);
    const compiled: Partial<CompiledValidation> = { path: [...at, "expression"] };
    if (validation.messageExpression !== undefined) compiled.messageExpression = expression(validation.messageExpression, [...at, "messageExpression"], `the messageExpression of validations[${index}]`);
    if (validation.message !== undefined) {
      if (typeof validation.message === "string" && !/[\r\n]/.test(validation.message)) compiled.message = validation.message;
      else policy.problems.push({ path: [...at, "message"], message: "`message` must be a string on one line" });
    }
    if (validation.reason !== undefined) {
      if (REASONS.includes(validation.reason as string)) compiled.reason = validation.reason as string;
      else policy.problems.push({ path: [...at, "reason"], message: `\`reason\` must be one of ${REASONS.join(", ")}` });
    }
    if (program) policy.validations.push({ ...compiled, program } as CompiledValidation);
  });
  return policy;
}
