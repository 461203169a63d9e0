import { rule } from "../../../src/lint/rules/secret-in-git.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: [
    {
      name: "Secrets without values, with empty values, or a service account token shell",
      yaml: `apiVersion: v1
kind: Secret
metadata: {name: certs}
type: Opaque
---
apiVersion: v1
kind: Secret
metadata: {name: csrf}
data:
  csrf: ""
---
apiVersion: v1
kind: Secret
metadata:
  name: bot-token
  annotations: {kubernetes.io/service-account.name: bot}
type: kubernetes.io/service-account-token
`,
    },
    {
      name: "SOPS-encrypted Secrets, placeholders, and a Secret kind from another group",
      yaml: `apiVersion: v1
kind: Secret
metadata: {name: db}
data:
  password: ENC[AES256_GCM,data:Tr7o=,iv:1=,tag:2=,type:str]
sops:
  version: 3.8.1
---
apiVersion: v1
kind: Secret
metadata: {name: api}
stringData:
  token: \${API_TOKEN}
---
apiVersion: example.com/v1
kind: Secret
metadata: {name: other}
data: {password: cGFzcw==}
`,
    },
  ],
  invalid: [
    {
      name: "data with a value: points at the first filled key",
      yaml: `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: shop
data:
  empty: ""
  password: cGFzc3dvcmQ=
  user: cm9vdA==
`,
      errors: [{ line: 8, column: 13, message: "Secret shop/db commits 2 secret values in plain text (password, user)" }],
    },
    {
      name: "stringData",
      yaml: `apiVersion: v1
kind: Secret
metadata: {name: api}
type: Opaque
stringData:
  token: hunter2
`,
      errors: [{ line: 6, column: 10, message: "Secret default/api commits a secret value in plain text (token)" }],
    },
  ],
});
