import { describe, expect, it } from "vitest";
import { rule } from "../../../src/lint/rules/admission-policy.js";
import { parseManifests } from "../../../src/resources/parse-manifests.js";
import { makeRepo, runCli } from "../../helpers/temp-repo.js";
import { lintWithRule, testRule } from "../rule-tester.js";

/** A policy (lines 1-4, then `spec`), its binding follows in the same file. */
const policy = (spec: string, name = "replica-limit", apiVersion = "admissionregistration.k8s.io/v1") => `apiVersion: ${apiVersion}
kind: ValidatingAdmissionPolicy
metadata: {name: ${name}}
spec:
${spec}`;

const binding = (spec: string, name = "replica-limit-binding", apiVersion = "admissionregistration.k8s.io/v1") => `---
apiVersion: ${apiVersion}
kind: ValidatingAdmissionPolicyBinding
metadata: {name: ${name}}
spec:
${spec}`;

const deployments = `  matchConstraints:
    resourceRules:
    - apiGroups: [apps]
      apiVersions: [v1]
      operations: [CREATE, UPDATE]
      resources: [deployments]
`;

/** The replica ceiling: a policy on Deployments and its binding with `actions`. */
const limit = (actions = "[Deny]", extra = "") => policy(`${deployments}  validations:
  - expression: "object.spec.replicas <= 3"
${extra}`) + binding(`  policyName: replica-limit
  validationActions: ${actions}
`);

/** A Deployment in namespace shop with 5 replicas (line 8, column 13) and an nginx image (line 13). */
const deployment = (replicas = 5, image = "nginx:1.25", labels = "{app: web}") => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: ${labels}
spec:
  replicas: ${replicas}
  template:
    spec:
      containers:
      - name: web
        image: ${image}
`;

const namespace = (labels: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: ${labels}
---
`;

const configMap = (name: string, namespace: string, data: string, labels = "{}") => `---
apiVersion: v1
kind: ConfigMap
metadata: {name: ${name}, namespace: ${namespace}, labels: ${labels}}
data: ${data}
`;

/** A policy whose ceiling comes from a ConfigMap's data.maxReplicas. */
const paramPolicy = (paramRef: string) => policy(`  paramKind: {apiVersion: v1, kind: ConfigMap}
${deployments}  validations:
  - expression: "object.spec.replicas <= int(params.data.maxReplicas)"
    messageExpression: "'replicas must be at most ' + params.data.maxReplicas + ' in ' + request.namespace + ', not ' + string(object.spec.replicas)"
`) + binding(`  policyName: replica-limit
  validationActions: [Deny]
  paramRef:
${paramRef}`);

const DENIED = "ValidatingAdmissionPolicy 'replica-limit' with binding 'replica-limit-binding' denied request: ";
const hundred = `[${Array.from({ length: 100 }, (_, i) => i).join(",")}]`;
const many = `[${Array.from({ length: 300 }, (_, i) => i).join(",")}]`;
/** About 720,000 steps: within one expression's budget, and fourteen of them exceed the request's. */
const expensive = `  - expression: "${many}.all(a, ${many}.all(b, a + b >= 0))"\n`;

/** A policy on Widgets (plural `widgetries`, from their CRD) and a Widget of `size`. */
function widgetPolicyAndCase(size: number): Record<string, string> {
  return {
    "policy.yaml": policy(`  matchConstraints:
    resourceRules:
    - {apiGroups: [example.com], apiVersions: ['*'], operations: ['*'], resources: [widgetries]}
  validations:
  - expression: "object.spec.size < 10"
`, "widgets") + binding("  policyName: widgets\n  validationActions: [Deny]\n", "widgets"),
    "case.yaml": `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgetries.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgetries}
  scope: Namespaced
  versions: []
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w, namespace: shop}
spec: {size: ${size}}
`,
  };
}

testRule(rule, {
  valid: [
    { name: "an object that passes the validation", yaml: { "policy.yaml": limit(), "case.yaml": deployment(3) } },
    { name: "resourceRules: a StatefulSet is not a Deployment", yaml: { "policy.yaml": limit(), "case.yaml": deployment().replace("kind: Deployment", "kind: StatefulSet") } },
    { name: "resourceRules: an apiVersion the rule does not list", yaml: { "policy.yaml": limit(), "case.yaml": deployment().replace("apps/v1", "apps/v1beta2") } },
    {
      name: "resourceRules: a rule for UPDATE only does not apply to a CREATE",
      yaml: { "policy.yaml": limit().replace("[CREATE, UPDATE]", "[UPDATE]"), "case.yaml": deployment() },
    },
    {
      name: "namespaceSelector: the Namespace in the set lacks the label",
      yaml: { "policy.yaml": limit().replace("  matchConstraints:\n", "  matchConstraints:\n    namespaceSelector: {matchLabels: {tier: prod}}\n"), "case.yaml": namespace("{tier: dev}") + deployment() },
    },
    {
      name: "namespaceSelector: a provided namespace has only its name label",
      yaml: { "policy.yaml": limit().replace("  matchConstraints:\n", "  matchConstraints:\n    namespaceSelector: {matchExpressions: [{key: tier, operator: Exists}]}\n"), "case.yaml": deployment() },
      target: { provided: { storageClasses: [], namespaces: ["shop"] } },
    },
    {
      name: "excludeResourceRules: the Deployment is excluded by name",
      yaml: {
        "policy.yaml": limit().replace("  validations:", "    excludeResourceRules:\n    - {apiGroups: [apps], apiVersions: ['*'], operations: ['*'], resources: ['*'], resourceNames: [web]}\n  validations:"),
        "case.yaml": deployment(),
      },
    },
    {
      name: "objectSelector: the object's labels do not match",
      yaml: { "policy.yaml": limit().replace("  matchConstraints:\n", "  matchConstraints:\n    objectSelector: {matchLabels: {limited: 'yes'}}\n"), "case.yaml": deployment() },
    },
    {
      name: "the binding's matchResources narrows the policy to another namespace",
      yaml: { "policy.yaml": limit() + "  matchResources: {namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: other}}}\n", "case.yaml": deployment() },
    },
    {
      name: "matchConditions: a false condition skips the policy",
      yaml: { "policy.yaml": limit().replace("  validations:", "  matchConditions:\n  - {name: not-shop, expression: \"request.namespace != 'shop'\"}\n  validations:"), "case.yaml": deployment() },
    },
    {
      name: "params: a missing ConfigMap with parameterNotFoundAction Allow skips the binding",
      yaml: { "policy.yaml": paramPolicy("    name: replica-limit\n    parameterNotFoundAction: Allow\n"), "case.yaml": deployment() },
    },
    {
      name: "params: the ConfigMap of the object's namespace allows 5",
      yaml: { "policy.yaml": paramPolicy("    name: replica-limit\n"), "case.yaml": deployment() + configMap("replica-limit", "shop", "{maxReplicas: '5'}") + configMap("replica-limit", "other", "{maxReplicas: '1'}") },
    },
    {
      name: "failurePolicy Ignore: an expression that fails to evaluate is skipped",
      yaml: { "policy.yaml": limit("[Deny]", "  - expression: \"object.spec.paused == false\"\n").replace("  validations:", "  failurePolicy: Ignore\n  validations:"), "case.yaml": deployment(3) },
    },
    {
      name: "failurePolicy Ignore: a missing param is skipped",
      yaml: { "policy.yaml": paramPolicy("    name: replica-limit\n").replace("  paramKind:", "  failurePolicy: Ignore\n  paramKind:"), "case.yaml": deployment() },
    },
    {
      name: "a custom resource matched by its CRD's plural, passing",
      yaml: {
        ...widgetPolicyAndCase(3),
      },
    },
    { name: "a policy without a binding enforces nothing", yaml: { "policy.yaml": policy(`${deployments}  validations:\n  - expression: "false"\n`), "case.yaml": deployment() } },
  ],
  invalid: [
    {
      name: "Deny: a failing validation is an error at the field it reads",
      yaml: { "policy.yaml": limit(), "case.yaml": deployment() },
      errors: [{ line: 8, column: 13, severity: "error", message: `${DENIED}failed expression: object.spec.replicas <= 3` }],
    },
    {
      name: "Warn: a warning with the API server's warning text",
      yaml: { "policy.yaml": limit("[Warn]"), "case.yaml": deployment() },
      errors: [{ line: 8, column: 13, severity: "warning", message: "Validation failed for ValidatingAdmissionPolicy 'replica-limit' with binding 'replica-limit-binding': failed expression" }],
    },
    {
      name: "Audit: recorded only, an info",
      yaml: { "policy.yaml": limit("[Audit]"), "case.yaml": deployment() },
      errors: [{ line: 8, column: 13, severity: "info", message: "(Audit, recorded in the audit log only)" }],
    },
    {
      name: "Warn and Audit together: the warning",
      yaml: { "policy.yaml": limit("[Warn, Audit]"), "case.yaml": deployment() },
      errors: [{ line: 8, column: 13, severity: "warning" }],
    },
    {
      name: "message and reason",
      yaml: { "policy.yaml": limit("[Deny]").replace('<= 3"\n', '<= 3"\n    message: "at most 3 replicas"\n    reason: Forbidden\n'), "case.yaml": deployment() },
      errors: [{ line: 8, column: 13, message: `${DENIED}at most 3 replicas (reason Forbidden, HTTP 403)` }],
    },
    {
      name: "namespaceSelector: the Namespace in the set has the label",
      yaml: { "policy.yaml": limit().replace("  matchConstraints:\n", "  matchConstraints:\n    namespaceSelector: {matchLabels: {tier: prod}}\n"), "case.yaml": namespace("{tier: prod}") + deployment() },
      errors: [{ line: 14, column: 13, message: DENIED }],
    },
    {
      name: "namespaceSelector: a provided namespace matches by kubernetes.io/metadata.name",
      yaml: { "policy.yaml": limit().replace("  matchConstraints:\n", "  matchConstraints:\n    namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [shop]}]}\n"), "case.yaml": deployment() },
      target: { provided: { storageClasses: [], namespaces: ["shop"] } },
      errors: [{ line: 8, column: 13, message: DENIED }],
    },
    {
      name: "resourceRules with wildcards, and excludeResourceRules that exclude another name",
      yaml: {
        "policy.yaml": limit()
          .replace("[apps]", "['*']")
          .replace("[deployments]", "['*']")
          .replace("  validations:", "    excludeResourceRules:\n    - {apiGroups: ['*'], apiVersions: ['*'], operations: ['*'], resources: ['*'], resourceNames: [api]}\n  validations:"),
        "case.yaml": deployment(),
      },
      errors: [{ line: 8, column: 13, message: DENIED }],
    },
    {
      name: "matchConditions: all true, so the validation runs; the object selector matches",
      yaml: {
        "policy.yaml": limit()
          .replace("  matchConstraints:\n", "  matchConstraints:\n    objectSelector: {matchLabels: {app: web}}\n")
          .replace("  validations:", "  matchConditions:\n  - {name: in-shop, expression: \"request.namespace == 'shop'\"}\n  - {name: has-replicas, expression: \"has(object.spec.replicas)\"}\n  validations:"),
        "case.yaml": deployment(),
      },
      errors: [{ line: 8, column: 13, message: DENIED }],
    },
    {
      name: "matchConditions: an error under failurePolicy Fail denies",
      yaml: { "policy.yaml": limit().replace("  validations:", "  matchConditions:\n  - {name: paused, expression: \"object.spec.paused\"}\n  validations:"), "case.yaml": deployment(3) },
      errors: [{ line: 7, column: 1, message: `${DENIED}matchCondition 'paused' resulted in error: No such key: paused` }],
    },
    {
      name: "variables: evaluated when used, through variables.name",
      yaml: {
        "policy.yaml": policy(`${deployments}  variables:
  - name: images
    expression: "object.spec.template.spec.containers.map(c, c.image)"
  - name: unused
    expression: "object.spec.missing.field"
  validations:
  - expression: "variables.images.all(i, i.startsWith('bjrdc206.reg/'))"
    messageExpression: "'images must come from bjrdc206.reg/: ' + variables.images.join(', ')"
`) + binding("  policyName: replica-limit\n  validationActions: [Deny]\n"),
        "case.yaml": deployment(),
      },
      // At the image the message names, found through the variable the validation reads; the
      // unused variable names a field Deployments do not have, which type checking reports.
      errors: [
        { line: 13, column: 16, message: `${DENIED}images must come from bjrdc206.reg/: nginx:1.25` },
        { file: "policy.yaml", line: 15, column: 17, message: "spec.variables.1.expression does not type-check against apps/v1 Deployment: No such key: missing" },
      ],
    },
    {
      name: "messageExpression that fails falls back to message",
      yaml: { "policy.yaml": limit("[Deny]").replace('<= 3"\n', '<= 3"\n    message: "too many replicas"\n    messageExpression: "object.spec.nothing"\n'), "case.yaml": deployment() },
      errors: [
        { line: 8, column: 13, message: `${DENIED}too many replicas` },
        { file: "policy.yaml", line: 14, column: 24, message: "spec.validations.0.messageExpression does not type-check against apps/v1 Deployment: No such key: nothing" },
      ],
    },
    {
      name: "params: the ConfigMap of the object's namespace, by name, in messageExpression",
      yaml: { "policy.yaml": paramPolicy("    name: replica-limit\n"), "case.yaml": deployment() + configMap("replica-limit", "shop", "{maxReplicas: '2'}") },
      errors: [{ line: 8, column: 13, message: `${DENIED}replicas must be at most 2 in shop, not 5` }],
    },
    {
      name: "params: by selector in a named namespace, each match evaluated",
      yaml: {
        "policy.yaml": paramPolicy("    namespace: limits\n    selector: {matchLabels: {limit: replicas}}\n"),
        "case.yaml": deployment() + configMap("a", "limits", "{maxReplicas: '4'}", "{limit: replicas}") + configMap("b", "limits", "{maxReplicas: '9'}", "{limit: replicas}") + configMap("c", "limits", "{maxReplicas: '1'}"),
      },
      errors: [{ line: 8, column: 13, message: "replicas must be at most 4 in shop" }],
    },
    {
      name: "params: a missing ConfigMap with parameterNotFoundAction Deny",
      yaml: { "policy.yaml": paramPolicy("    name: replica-limit\n    parameterNotFoundAction: Deny\n"), "case.yaml": deployment() + configMap("replica-limit", "other", "{maxReplicas: '9'}") },
      errors: [{ line: 1, column: 1, message: `${DENIED}failed to configure binding: no params found for policy binding with \`Deny\` parameterNotFoundAction` }],
    },
    {
      name: "failurePolicy Fail: an expression that fails to evaluate denies",
      yaml: { "policy.yaml": limit("[Deny]", "  - expression: \"object.spec.paused == false\"\n"), "case.yaml": deployment(3) },
      errors: [{ line: 7, column: 1, message: `${DENIED}expression 'object.spec.paused == false' resulted in error: No such key: paused` }],
    },
    {
      name: "an expression over its cost budget is stopped and, under Fail, denies",
      yaml: { "policy.yaml": limit("[Deny]", `  - expression: "${hundred}.all(a, ${hundred}.all(b, ${hundred}.all(c, a + b + c >= 0)))"\n`), "case.yaml": deployment(3) },
      errors: [{ line: 1, column: 1, message: /denied request: expression '.*' exceeded its cost budget of 1000000 steps and was stopped$/ }],
    },
    {
      name: "all expressions of a policy share the request's budget: the one that runs out is stopped",
      yaml: { "policy.yaml": limit("[Deny]", expensive.repeat(15)), "case.yaml": deployment(3) },
      errors: [{ line: 1, column: 1, message: /denied request: expression '.*' was stopped: the expressions of this policy spent the request's budget of 10000000 steps$/ }],
    },
    {
      name: "a custom resource matched by its CRD's plural",
      yaml: {
        ...widgetPolicyAndCase(30),
      },
      errors: [{ line: 13, column: 14, message: "ValidatingAdmissionPolicy 'widgets' with binding 'widgets' denied request: failed expression: object.spec.size < 10" }],
    },
    {
      name: "a kind without a CRD: the plural is guessed (Policy -> policies)",
      yaml: {
        "policy.yaml": policy(`  matchConstraints:
    resourceRules:
    - {apiGroups: [example.com], apiVersions: [v1], operations: [CREATE], resources: [policies]}
  validations:
  - expression: "false"
`) + binding("  policyName: replica-limit\n  validationActions: [Deny]\n"),
        "case.yaml": "apiVersion: example.com/v1\nkind: Policy\nmetadata: {name: p}\n",
      },
      errors: [{ line: 1, column: 1, message: `${DENIED}failed expression: false` }],
    },
    {
      name: "authorizer: the policy is reported once as not evaluated",
      yaml: {
        "policy.yaml": limit("[Deny]", "  - expression: \"authorizer.group('apps').resource('deployments').check('scale').allowed()\"\n  - expression: \"authorizer.serviceAccount('shop', 'x').check('get').allowed()\"\n"),
        "case.yaml": deployment(),
      },
      errors: [{ file: "policy.yaml", line: 13, column: 17, severity: "warning", message: "ValidatingAdmissionPolicy 'replica-limit' was not evaluated: it uses `authorizer`" }],
    },
    {
      name: "an expression that does not compile is an error on the policy, which is not evaluated",
      yaml: { "policy.yaml": limit("[Deny]", "  - expression: \"object.spec.replicas <\"\n    messageExpression: \"'x' +\"\n"), "case.yaml": deployment() },
      errors: [
        { file: "policy.yaml", line: 13, column: 17, message: "ValidatingAdmissionPolicy 'replica-limit': the expression of validations[1] does not compile: Unexpected token: EOF (at character 23)" },
        { file: "policy.yaml", line: 14, column: 24, message: "the messageExpression of validations[1] does not compile" },
      ],
    },
    {
      name: "a bad variable, match condition and reason are errors at their fields",
      yaml: {
        "policy.yaml": limit("[Deny]", "    reason: Teapot\n").replace("  validations:", "  variables:\n  - {name: v, expression: \"object..x\"}\n  matchConditions:\n  - {name: c, expression: \"\"}\n  validations:"),
        "case.yaml": deployment(),
      },
      errors: [
        { file: "policy.yaml", line: 12, column: 27, message: "the variable 'v' does not compile" },
        { file: "policy.yaml", line: 14, column: 27, message: "the match condition 'c' must be a CEL expression" },
        { file: "policy.yaml", line: 17, column: 13, message: "`reason` must be one of Unauthorized, Forbidden, Invalid, RequestEntityTooLarge" },
      ],
    },
    {
      name: "a binding that names a missing policy",
      yaml: { "policy.yaml": limit().replace("policyName: replica-limit", "policyName: replica-limits"), "case.yaml": deployment() },
      errors: [{ file: "policy.yaml", line: 18, column: 15, message: "ValidatingAdmissionPolicyBinding 'replica-limit-binding' binds ValidatingAdmissionPolicy 'replica-limits', which is not in the set" }],
    },
    {
      name: "a binding without validationActions",
      yaml: { "policy.yaml": limit().replace("  validationActions: [Deny]\n", ""), "case.yaml": deployment() },
      errors: [{ file: "policy.yaml", line: 17, column: 1, message: "needs `validationActions`" }],
    },
    {
      name: "a validation action that does not exist, and Deny with Warn",
      yaml: { "policy.yaml": limit("[Deny, Block]") + binding("  policyName: replica-limit\n  validationActions: [Deny, Warn]\n", "both"), "case.yaml": deployment() },
      errors: [
        { file: "policy.yaml", line: 19, column: 29, message: "ValidatingAdmissionPolicyBinding 'replica-limit-binding': `Block` is not a validation action: use Deny, Warn or Audit" },
        { file: "policy.yaml", line: 26, column: 22, message: "ValidatingAdmissionPolicyBinding 'both': Deny and Warn may not be used together" },
      ],
    },
    {
      name: "v1 is not served by 1.29: the policy and binding are refused, not evaluated",
      yaml: { "policy.yaml": limit(), "case.yaml": deployment() },
      target: { kubernetesVersion: "1.29" },
      errors: [
        { file: "policy.yaml", line: 1, column: 13, message: "admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy is not served by Kubernetes 1.29 (v1 from 1.30, v1beta1 from 1.28 to 1.33): the cluster refuses this object, so the policy is not in force; use admissionregistration.k8s.io/v1beta1" },
        { file: "policy.yaml", line: 14, column: 13, message: "ValidatingAdmissionPolicyBinding is not served by Kubernetes 1.29" },
      ],
    },
    {
      name: "v1beta1 is served by 1.28 to 1.33 only",
      yaml: {
        "policy.yaml": policy(`${deployments}  validations:\n  - expression: "object.spec.replicas <= 3"\n`, "replica-limit", "admissionregistration.k8s.io/v1beta1") + binding("  policyName: replica-limit\n  validationActions: [Deny]\n", "replica-limit-binding", "admissionregistration.k8s.io/v1beta1"),
        "case.yaml": deployment(),
      },
      target: { kubernetesVersion: "1.34" },
      errors: [
        { file: "policy.yaml", line: 1, column: 13, message: "admissionregistration.k8s.io/v1beta1 ValidatingAdmissionPolicy is not served by Kubernetes 1.34 (v1 from 1.30, v1beta1 from 1.28 to 1.33): the cluster refuses this object, so the policy is not in force; use admissionregistration.k8s.io/v1" },
        { file: "policy.yaml", line: 14, column: 13, message: "not served by Kubernetes 1.34" },
      ],
    },
  ],
});

describe("admission policies of the repository (policies/admission/)", () => {
  const repository = (text: string) => parseManifests(text, "policies/admission/replicas.yaml").resources;

  it("evaluates them on the set, with params shipped next to them", () => {
    const admission = repository(paramPolicy("    name: replica-limit\n") + configMap("replica-limit", "shop", "{maxReplicas: '3'}"));
    const findings = lintWithRule(rule, { name: "repository", yaml: deployment(), target: { admission } });
    expect(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.message}`)).toEqual([`case.yaml:8:13 error ${DENIED}replicas must be at most 3 in shop, not 5`]);
  });

  it("reports at the policy file when its expression does not compile", () => {
    const admission = repository(limit("[Deny]", '  - expression: "object.spec.replicas <"\n'));
    const findings = lintWithRule(rule, { name: "repository", yaml: deployment(), target: { admission } });
    expect(findings.map((f) => `${f.file}:${f.line}:${f.column}`)).toEqual(["policies/admission/replicas.yaml:13:17"]);
  });

  it("on a release that does not serve the API: an info, and still evaluated", () => {
    const admission = repository(limit());
    const findings = lintWithRule(rule, { name: "repository", yaml: deployment(), target: { admission, kubernetesVersion: "1.18" } });
    expect(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity}`)).toEqual(["case.yaml:8:13 error", "policies/admission/replicas.yaml:1:13 info"]);
    expect(findings[1].message).toBe(
      "ValidatingAdmissionPolicy 'replica-limit' of policies/admission/ is evaluated by kforge only: admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy is not served by Kubernetes 1.18 (v1 from 1.30, v1beta1 from 1.28 to 1.33), so the cluster cannot enforce it (this release has no ValidatingAdmissionPolicy API)",
    );
  });
});

describe("type checking against the matched kinds' schemas", () => {
  const typed = (expression: string, message = "") => policy(`${deployments}  validations:
  - expression: "${expression}"
${message}`) + binding(`  policyName: replica-limit
  validationActions: [Deny]
`);
  const run = (yaml: string, kubernetesVersion = "1.36") => lintWithRule(rule, { name: "typed", yaml: { "policy.yaml": yaml, "case.yaml": deployment(2) }, target: { kubernetesVersion } });

  it("warns at the expression when a field does not exist in the matched kind, as the API server's status.typeChecking does", () => {
    const findings = run(typed("object.spec.replicass <= 3"));
    expect(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.message}`)).toEqual([
      "case.yaml:7:1 error ValidatingAdmissionPolicy 'replica-limit' with binding 'replica-limit-binding' denied request: expression 'object.spec.replicass <= 3' resulted in error: No such key: replicass",
      "policy.yaml:12:17 warning ValidatingAdmissionPolicy 'replica-limit': spec.validations.0.expression does not type-check against apps/v1 Deployment: No such key: replicass; the API server reports this in the policy's status.typeChecking, and the expression fails when it runs on such an object",
    ]);
  });

  it("warns on a comparison of mismatched types and on a messageExpression, per matched kind", () => {
    const findings = run(typed("object.spec.replicas <= '3'", '    messageExpression: "object.metadata.nmae"\n'));
    expect(findings.filter((f) => f.severity === "warning").map((f) => `${f.line} ${f.message.slice(f.message.indexOf("spec."), f.message.indexOf(";"))}`)).toEqual([
      "12 spec.validations.0.expression does not type-check against apps/v1 Deployment: no such overload: int <= string",
      "13 spec.validations.0.messageExpression does not type-check against apps/v1 Deployment: No such key: nmae",
    ]);
  });

  it("accepts what the schema allows, and leaves dyn() and maps alone", () => {
    for (const expression of ["object.spec.replicas <= 3", "object.metadata.labels['app'] == 'web' || object.spec.replicas < 4", "dyn(object).spec.anything == 1 || true", "object.spec.template.spec.containers.all(c, c.image.startsWith('nginx'))"]) {
      expect(run(typed(expression)).filter((f) => f.severity === "warning"), expression).toEqual([]);
    }
  });
});

describe("kforge explain admission-policy", () => {
  it("shows a policy, its binding and the finding, and the example gives that finding", async () => {
    const run = await runCli(["explain", "admission-policy"], makeRepo({}));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Example:\n  # policies/admission/replica-ceiling.yaml");
    expect(run.stdout).toContain("  kind: ValidatingAdmissionPolicyBinding\n");
    const finding = "ValidatingAdmissionPolicy 'replica-ceiling' with binding 'replica-ceiling' denied request: at most 3 replicas";
    expect(run.stdout).toContain(finding);
    const findings = lintWithRule(rule, { name: "example", yaml: { "policy.yaml": rule.meta.example!, "case.yaml": deployment() } });
    expect(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`)).toEqual([`case.yaml:8:13 ${finding}`]);
  });
});
