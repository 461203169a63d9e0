import { rule } from "../../../src/lint/rules/object-size.js";
import { testRule } from "../rule-tester.js";

const MiB = 1024 * 1024;
const configMap = (entries: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n  namespace: web\ndata:\n${entries}`;
/** `count` keys of `size` characters each. */
const entries = (count: number, size: number) => Array.from({ length: count }, (_, i) => `  k${i}: ${"x".repeat(size)}\n`).join("");

testRule(rule, {
  valid: [
    { name: "a ConfigMap just under 1 MiB of data", yaml: configMap(entries(4, MiB / 4 - 1)) },
    { name: "ordinary objects", yaml: "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 80}]\n" },
    {
      name: "Secret data is counted decoded: 1.2 MiB of base64 is 0.9 MiB of bytes",
      yaml: `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  blob: ${Buffer.alloc(0.9 * MiB, 7).toString("base64")}\n`,
    },
  ],
  invalid: [
    {
      name: "ConfigMap data over 1 MiB, at data",
      yaml: configMap(entries(3, MiB / 2)),
      errors: [{ line: 6, column: 1, message: "the data of ConfigMap big is 1.50 MiB (1572864 bytes); the API server accepts at most 1 MiB" }],
    },
    {
      name: "Secret stringData counts with data",
      yaml: `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  a: ${"y".repeat(0.6 * MiB)}\n  b: ${"y".repeat(0.6 * MiB)}\n`,
      errors: [{ line: 4, column: 1, message: /the data of Secret s is 1\.20 MiB/ }],
    },
    {
      name: "any object over 1.5 MiB as JSON",
      yaml: `---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: web:1\n          env:\n${Array.from({ length: 32000 }, (_, i) => `            - {name: VARIABLE_${i}, value: "${"v".repeat(20)}"}\n`).join("")}`,
      errors: [{ line: 2, column: 1, message: /Deployment web is \d\.\d\d MiB \(\d+ bytes\) as JSON; etcd stores objects of at most 1\.5 MiB/ }],
    },
  ],
});
