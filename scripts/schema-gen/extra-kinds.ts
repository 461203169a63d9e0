import type { GeneratedSchemas } from "./declarations-to-schemas.js";
import { TIME, type JsonSchema } from "../../src/validate/value-schemas.js";

/**
 * Kinds kubernetes-types does not declare although every cluster serves them: the aggregator's
 * APIService (metrics-server and friends ship one). Written from the API reference; checked by
 * `npm run crosscheck` like the generated ones.
 */
const closed = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({
  type: "object",
  properties,
  additionalProperties: false,
  ...(required.length > 0 ? { required } : {}),
});
const int32: JsonSchema = { type: "integer", format: "int32" };
const string: JsonSchema = { type: "string" };

function apiService(apiVersion: string, version: string): Record<string, JsonSchema> {
  const prefix = `apiregistration.${version}`;
  return {
    [`${prefix}.APIService`]: closed({
      apiVersion: { type: "string", enum: [apiVersion] },
      kind: { type: "string", enum: ["APIService"] },
      metadata: { $ref: "#/definitions/meta.v1.ObjectMeta" },
      spec: { $ref: `#/definitions/${prefix}.APIServiceSpec` },
      status: closed({ conditions: { type: "array", items: closed({ lastTransitionTime: TIME, message: string, reason: string, status: string, type: string }, ["status", "type"]) } }),
    }),
    [`${prefix}.APIServiceSpec`]: closed(
      {
        caBundle: { type: "string", format: "byte" },
        group: string,
        groupPriorityMinimum: int32,
        insecureSkipTLSVerify: { type: "boolean" },
        service: closed({ name: string, namespace: string, port: int32 }),
        version: string,
        versionPriority: int32,
      },
      ["groupPriorityMinimum", "versionPriority"],
    ),
  };
}

/** Adds APIService (v1 always; v1beta1 up to 1.21, removed in 1.22) to a kubernetes-types set. */
export function addExtraKinds(generated: GeneratedSchemas, minor: number): void {
  const versions = minor < 22 ? ["v1", "v1beta1"] : ["v1"];
  for (const version of versions) {
    const apiVersion = `apiregistration.k8s.io/${version}`;
    Object.assign(generated.definitions, apiService(apiVersion, version));
    (generated.kinds[apiVersion] ??= {}).APIService = `apiregistration.${version}.APIService`;
  }
}
