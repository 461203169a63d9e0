import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { clusterYaml, MINI_BLUEPRINT } from "../helpers/mini-blueprint.js";

/** A blueprint rendering one Secret whose stringData comes from values: for redaction tests. */
export const SECRET_BLUEPRINT: Record<string, string> = {
  "blueprints/vault/blueprint.yaml": "apiVersion: kforge.dev/v1alpha1\nkind: Blueprint\nmetadata:\n  name: vault\nspec:\n  description: test secret\n  version: 1.0.0\n",
  "blueprints/vault/values.schema.json": JSON.stringify({
    $schema: "http://json-schema.org/draft-07/schema#",
    type: "object",
    additionalProperties: false,
    properties: { secrets: { type: "object", additionalProperties: { type: "string" }, default: {} } },
  }),
  "blueprints/vault/templates/secret.yaml.hbs": `apiVersion: v1
kind: Secret
metadata:
  name: {{release.name}}
  namespace: {{release.namespace}}
type: Opaque
stringData:
{{#each values.secrets}}
  {{@key}}: {{this}}
{{/each}}
`,
};

export const BLUEPRINTS = { ...MINI_BLUEPRINT, ...SECRET_BLUEPRINT };

/** A mini release named `name` in namespace apps. */
export function miniRelease(name: string, values: string): string {
  return `    - name: ${name}\n      blueprint: mini\n      namespace: apps\n      values: ${values}\n`;
}

export function vaultRelease(name: string, secrets: Record<string, string>): string {
  return `    - name: ${name}\n      blueprint: vault\n      namespace: apps\n      values: {secrets: ${JSON.stringify(secrets)}}\n`;
}

/** cluster.yaml of `name` with these releases; the apps namespace is provided so lint stays quiet about it. */
export function cluster(name: string, releases: string): Record<string, string> {
  return { [`clusters/${name}/cluster.yaml`]: clusterYaml(name, releases, "  provided: {namespaces: [apps]}\n") };
}

/** Writes files (path -> content, null deletes) into the repository. */
export function put(root: string, files: Record<string, string | null>): void {
  for (const [path, content] of Object.entries(files)) {
    if (content === null) {
      rmSync(join(root, path), { recursive: true, force: true });
      continue;
    }
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}
