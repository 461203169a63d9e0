import type { Rule } from "../rule.js";
import type { Resource } from "../../resources/resource.js";
import { isObject } from "../kube/workloads.js";

/** etcd's default request limit (--max-request-bytes): the API server cannot store a larger object. */
export const MAX_OBJECT_BYTES = 1.5 * 1024 * 1024;
/** The API server's validation limit on the data of one ConfigMap or Secret (core.MaxSecretSize). */
export const MAX_DATA_BYTES = 1024 * 1024;

export const rule: Rule = {
  meta: {
    id: "object-size",
    defaultSeverity: "error",
    description: "An object is larger than the API server can store (about 1.5 MiB), or a ConfigMap's or Secret's data is over 1 MiB.",
    rationale:
      "etcd refuses requests over 1.5 MiB by default (`etcdserver: request is too large`) and the API server " +
      "refuses ConfigMaps and Secrets whose data exceeds 1 MiB (`Too long: must have at most 1048576 bytes`): " +
      "the sync fails for the whole application, after the merge.",
    remediation:
      "Split the data over several objects, mount large files from a volume or an image instead of a ConfigMap, " +
      "and keep generated lists (environment variables, rules) to what the workload needs.",
  },
  check(context) {
    for (const resource of context.resources) {
      const data = dataBytes(resource);
      if (data !== undefined && data > MAX_DATA_BYTES) {
        context.report({
          resource,
          path: [dataField(resource)],
          message: `the data of ${resource.object.kind} ${resource.object.metadata?.name ?? ""} is ${mebibytes(data)}; the API server accepts at most 1 MiB (1048576 bytes) per ${resource.object.kind}`,
        });
        continue;
      }
      const size = Buffer.byteLength(JSON.stringify(resource.object));
      if (size > MAX_OBJECT_BYTES) {
        context.report({
          resource,
          path: [],
          message: `${resource.object.kind} ${resource.object.metadata?.name ?? ""} is ${mebibytes(size)} as JSON; etcd stores objects of at most 1.5 MiB, so the API server will refuse it`,
        });
      }
    }
  },
};

/** Bytes the API server counts: values of data and binaryData (decoded), and stringData for Secrets. */
function dataBytes(resource: Resource): number | undefined {
  const { apiVersion, kind } = resource.object;
  if (apiVersion !== "v1" || (kind !== "ConfigMap" && kind !== "Secret")) return undefined;
  const object = resource.object as Record<string, unknown>;
  let total = 0;
  const add = (field: string, base64: boolean) => {
    const values = object[field];
    if (!isObject(values)) return;
    for (const value of Object.values(values)) {
      if (typeof value !== "string") continue;
      total += base64 ? Buffer.from(value, "base64").length : Buffer.byteLength(value);
    }
  };
  add("data", kind === "Secret");
  add("binaryData", true);
  if (kind === "Secret") add("stringData", false);
  return total;
}

function dataField(resource: Resource): string {
  const object = resource.object as Record<string, unknown>;
  return ["data", "binaryData", "stringData"].find((field) => isObject(object[field])) ?? "data";
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB (${bytes} bytes)`;
}
