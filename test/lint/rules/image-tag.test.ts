import { rule } from "../../../src/lint/rules/image-tag.js";
import { testRule } from "../rule-tester.js";

const pod = (images: string[]) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
${images.map((image, i) => `  - name: c${i}\n    image: ${image}\n`).join("")}`;

testRule(rule, {
  valid: [
    {
      name: "tags and digests, with registry ports",
      yaml: pod([
        "nginx:1.27.2",
        "registry.example.com:5000/team/app:v3",
        "app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "reg:5000/app:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "localhost:5000/app:Latest",
      ]),
    },
    {
      name: "placeholders and odd values are skipped",
      yaml: pod(["${IMAGE}", '"{{ .Values.image }}"', "null", '""', "[a, b]"]),
    },
  ],
  invalid: [
    {
      name: "no tag (including a registry port that looks like one) and latest",
      yaml: pod(["nginx", "reg:5000/app", "ghcr.io/org/app:latest"]),
      errors: [
        { line: 8, column: 12, message: "Image nginx of container c0 in Pod default/p has no tag" },
        { line: 10, column: 12, message: "Image reg:5000/app of container c1 in Pod default/p has no tag" },
        { line: 12, column: 12, message: "Image ghcr.io/org/app:latest of container c2 in Pod default/p uses the mutable tag latest" },
      ],
    },
    {
      name: "init containers and CronJob templates",
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: ops}
spec:
  schedule: "0 1 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          initContainers: [{name: prep, image: "busybox:latest"}]
          containers: [{name: run, image: "tool:2"}]
`,
      errors: [{ line: 11, column: 48, message: "Image busybox:latest of container prep in CronJob ops/nightly uses the mutable tag latest" }],
    },
  ],
});
