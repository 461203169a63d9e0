import type { FieldPath } from "../../resources/resource.js";
import { invalid, invalidEach, required, tooLong, type FieldError } from "./field-errors.js";
import { isQualifiedName, isValidLabelValue, nameIsDNSLabel, type NameRule } from "./name-rules.js";
import { isObject } from "./workloads.js";

/** The API server's limit on all annotations of one object, keys and values together. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** ValidateObjectMeta on create: name (or generateName), namespace, labels and annotations. */
export function validateObjectMeta(metadata: unknown, nameRule: NameRule): FieldError[] {
  const meta = isObject(metadata) ? metadata : {};
  const errors: FieldError[] = [];
  const { name, generateName, namespace } = meta;
  if (typeof generateName === "string" && generateName !== "") {
    errors.push(...invalidEach(["metadata", "generateName"], generateName, nameRule(generateName, true)));
  }
  if (name === undefined || name === null || name === "") {
    const hasGenerateName = typeof generateName === "string" && generateName !== "";
    if (!hasGenerateName) errors.push(required(["metadata", "name"], "name or generateName is required"));
  } else if (typeof name === "string") {
    errors.push(...invalidEach(["metadata", "name"], name, nameRule(name, false)));
  }
  if (typeof namespace === "string" && namespace !== "") {
    errors.push(...invalidEach(["metadata", "namespace"], namespace, nameIsDNSLabel(namespace, false)));
  }
  errors.push(...validateLabels(meta.labels, ["metadata", "labels"]));
  errors.push(...validateAnnotations(meta.annotations, ["metadata", "annotations"]));
  return errors;
}

/** Label keys are qualified names, values label values; the API server names the whole map in messages. */
export function validateLabels(labels: unknown, path: FieldPath): FieldError[] {
  if (!isObject(labels)) return [];
  const errors: FieldError[] = [];
  for (const key in labels) {
    if (!Object.hasOwn(labels, key)) continue;
    const value = labels[key];
    const keyProblems = isQualifiedName(key);
    const valueProblems = typeof value === "string" ? isValidLabelValue(value) : [];
    if (keyProblems.length === 0 && valueProblems.length === 0) continue;
    const at = [...path, key];
    errors.push(...invalidEach(path, key, keyProblems, at));
    if (typeof value === "string") errors.push(...invalidEach(path, value, valueProblems, at));
  }
  return errors;
}

/** Annotation keys are qualified names in any case; all annotations together are at most 256 KiB. */
export function validateAnnotations(annotations: unknown, path: FieldPath): FieldError[] {
  if (!isObject(annotations)) return [];
  const errors: FieldError[] = [];
  let size = 0;
  for (const [key, value] of Object.entries(annotations)) {
    for (const problem of isQualifiedName(key.toLowerCase())) errors.push(invalid(path, key, problem, [...path, key]));
    size += Buffer.byteLength(key) + (typeof value === "string" ? Buffer.byteLength(value) : 0);
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) {
    const error = tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT, "bytes");
    errors.push({ ...error, message: `${error.message} (these annotations have ${size})` });
  }
  return errors;
}

/** A LabelSelector: matchLabels as labels, matchExpressions keys as label keys. */
export function validateLabelSelector(selector: unknown, path: FieldPath): FieldError[] {
  if (!isObject(selector)) return [];
  const errors = validateLabels(selector.matchLabels, [...path, "matchLabels"]);
  if (Array.isArray(selector.matchExpressions)) {
    selector.matchExpressions.forEach((expression: unknown, index: number) => {
      if (!isObject(expression) || typeof expression.key !== "string") return;
      const keyPath = [...path, "matchExpressions", index, "key"];
      errors.push(...invalidEach(keyPath, expression.key, isQualifiedName(expression.key)));
    });
  }
  return errors;
}
