import { rule } from "../../../src/lint/rules/plaintext-credential-env.js";
import { testRule } from "../rule-tester.js";

const pod = (env: string) => `apiVersion: v1
kind: Pod
metadata:
  name: db
spec:
  containers:
  - name: mysql
    image: mysql:8.0
    env:
${env}`;

testRule(rule, {
  valid: [
    {
      name: "credentials from Secrets, and names that only contain a credential word",
      yaml: pod(`    - name: MYSQL_ROOT_PASSWORD
      valueFrom: {secretKeyRef: {name: db, key: root}}
    - name: TOKEN_TTL
      value: "3600"
    - name: PASSWORD_FILE
      value: /run/secrets/db
    - name: SECRET_NAME
      value: db-credentials
    - name: KEYCLOAK_USER
      value: admin
    - name: AUTH_ENABLED
      value: required
    - name: PASS_THROUGH
      value: headers
    - name: TOKEN_ROTATION
      value: 30d
    - name: SECRETS_MANAGER
      value: https://vault.example.com:8200
`),
    },
    {
      name: "values that cannot be credentials: empty, references, switches and paths",
      yaml: pod(`    - name: DB_PASSWORD
      value: ""
    - name: API_TOKEN
      value: $(TOKEN_FROM_SECRET)
    - name: AUTH
      value: "false"
    - name: MYSQL_RANDOM_ROOT_PASSWORD
      value: "1"
    - name: MYSQL_ALLOW_EMPTY_PASSWORD
      value: "no"
    - name: GOOGLE_APPLICATION_CREDENTIALS
      value: /var/secrets/google/key.json
`),
    },
    {
      name: "allowNames",
      options: { allowNames: ["demo_password"] },
      yaml: pod(`    - name: DEMO_PASSWORD
      value: demo
`),
    },
  ],
  invalid: [
    {
      name: "literal credentials in containers and init containers of a Deployment",
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      initContainers:
      - name: migrate
        image: migrate:1
        env:
        - name: DB_PASS
          value: s3cret
      containers:
      - name: api
        image: api:1
        env:
        - name: GITHUB_TOKEN
          value: ghp_123
        - name: stripeApiKey
          value: sk_live_1
        - name: AWS_SECRET_ACCESS_KEY
          value: abc
        - name: PORT
          value: "8080"
        - name: SECRET_BLAH
          value: secretsquirrels
`,
      errors: [
        { line: 16, column: 18, message: "DB_PASS in container migrate in Deployment shop/api holds a literal value" },
        { line: 22, column: 18, message: "GITHUB_TOKEN in container api" },
        { line: 24, column: 18, message: "stripeApiKey" },
        { line: 26, column: 18, message: "AWS_SECRET_ACCESS_KEY" },
        { line: 30, column: 18, message: "SECRET_BLAH" },
      ],
    },
    {
      name: "an empty-password switch is a warning, the password itself an error",
      yaml: pod(`    - name: MYSQL_ALLOW_EMPTY_PASSWORD
      value: "1"
    - name: MYSQL_ROOT_PASSWORD
      value: 123456
    - name: POSTGRES_HOST_AUTH_METHOD
      value: trust
`),
      errors: [
        { line: 11, column: 14, severity: "warning", message: "MYSQL_ALLOW_EMPTY_PASSWORD=1 in container mysql in Pod default/db runs the database without a password" },
        { line: 13, column: 14, severity: "error", message: "MYSQL_ROOT_PASSWORD" },
        { line: 15, column: 14, severity: "warning", message: "POSTGRES_HOST_AUTH_METHOD=trust" },
      ],
    },
    {
      name: "namePatterns add names; the value itself never appears in the message",
      options: { namePatterns: ["^SMTP_LOGIN$", "("] },
      yaml: pod(`    - name: smtp_login
      value: hunter2
`),
      errors: [{ line: 11, column: 14, message: /^smtp_login in container mysql in Pod default\/db holds a literal value[^2]*$/ }],
    },
  ],
});
