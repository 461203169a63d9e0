import type { Rule } from "../rule.js";
import { describeObject, nameOrIndex } from "../kube/api-kinds.js";
import { parseImageRef } from "../kube/image-ref.js";
import { containersOf, podTemplates } from "../kube/workloads.js";

export const rule: Rule = {
  meta: {
    id: "image-tag",
    defaultSeverity: "warning",
    description: "A container image has no tag or digest, or uses the tag latest.",
    rationale:
      "An image without a tag means :latest, and :latest moves: nodes that pull at different times run different code, " +
      "a restart can silently upgrade, a rollback cannot go back, and the default imagePullPolicy becomes Always, " +
      "so pods fail to start whenever the registry is unreachable.",
    remediation: "Pin the image to a version tag (nginx:1.27.2) or, better, a digest (nginx@sha256:...).",
  },
  check(context) {
    for (const template of podTemplates(context.resources)) {
      for (const { container, path } of containersOf(template)) {
        const image = (container as { image?: unknown }).image;
        // Unrendered placeholders (${IMAGE}, {{ .image }}) are not references yet.
        if (typeof image !== "string" || image.trim() === "" || /\$\{|\$\(|\{\{/.test(image)) continue;
        const ref = parseImageRef(image);
        if (ref.digest) continue;
        if (ref.tag !== undefined && ref.tag !== "latest") continue;
        const problem = ref.tag === undefined ? "has no tag, so it runs whatever :latest is when pulled" : "uses the mutable tag latest";
        context.report({
          resource: template.resource,
          path: [...path, "image"],
          message: `Image ${image.trim()} of container ${nameOrIndex(container, path[path.length - 1])} in ${describeObject(template.resource, false)} ${problem}`,
        });
      }
    }
  },
};
