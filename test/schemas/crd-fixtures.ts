import { WIDGET_CRD_HEAD } from "../helpers/widget-crd.js";

/** The shared Widget CRD: spec.size at most 10 (a CEL rule), spec.color red or green. */
export const WIDGET_CRD = `${WIDGET_CRD_HEAD}            type: object
            x-kubernetes-validations:
            - {rule: "self.size <= 10", message: "size must be at most 10"}
            properties:
              size: {type: integer, minimum: 1}
              color: {type: string, enum: [red, green]}
`;

/** What `kubectl get crd -o yaml` prints: a List, with status and server-maintained metadata. */
export const CLUSTER_CRDS = `apiVersion: v1
kind: List
items:
- ${WIDGET_CRD.trimEnd()
  .replace("metadata: {name: widgets.example.com}", `metadata:
    name: widgets.example.com
    uid: 1d3c
    resourceVersion: "4711"
    creationTimestamp: "2026-01-01T00:00:00Z"
    annotations: {kubectl.kubernetes.io/last-applied-configuration: "{}"}
    managedFields: [{manager: kubectl, operation: Apply}]`)
  .split("\n")
  .join("\n  ")}
  status:
    acceptedNames: {kind: Widget, plural: widgets}
    storedVersions: [v1]
metadata: {resourceVersion: ""}
`;

/** A Widget with an unknown field and a size the CEL rule refuses. */
export const BAD_WIDGET = `apiVersion: example.com/v1
kind: Widget
metadata: {name: w, namespace: shop}
spec:
  size: 20
  colour: red
`;
