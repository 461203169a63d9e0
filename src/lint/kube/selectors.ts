/** Label selectors as Kubernetes evaluates them. */
export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export type Labels = Record<string, string>;

/** A set-based selector (Deployment, StatefulSet, ...). An empty selector matches everything. */
export function labelSelectorMatches(selector: LabelSelector | undefined | null, labels: Labels): boolean {
  if (!selector) return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== String(value)) return false;
  }
  for (const req of selector.matchExpressions ?? []) {
    if (!requirementMatches(req, labels)) return false;
  }
  return true;
}

function requirementMatches(req: LabelSelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const values = (req.values ?? []).map(String);
  switch (req.operator) {
    case "In":
      return has && values.includes(labels[req.key]);
    case "NotIn":
      return !has || !values.includes(labels[req.key]);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    default:
      return false;
  }
}

/**
 * An equality selector (Service, ReplicationController). Unlike a LabelSelector, an empty or
 * missing one selects nothing: a Service without a selector has hand-managed Endpoints.
 */
export function mapSelectorMatches(selector: Record<string, unknown> | undefined | null, labels: Labels): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([key, value]) => labels[key] === String(value));
}

export function asLabels(value: unknown): Labels {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const labels: Labels = {};
  for (const [k, v] of Object.entries(value)) labels[k] = String(v);
  return labels;
}
