/**
 * The first 16 lines of the v1 CRD the CRD tests share (kind Widget in example.com), up to and
 * including `spec:` under `openAPIV3Schema.properties`; each test appends the schema of spec.
 */
export const WIDGET_CRD_HEAD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
`;
