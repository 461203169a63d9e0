import type { SourceRef } from "../yaml/span.js";
import type { ValueTracker } from "./value-tracker.js";

/** A value written into a template's output, waiting for its marker to be replaced. */
export interface Emission {
  text: string;
  origin?: SourceRef;
}

/** What helpers need while one template renders; passed as Handlebars data, never global. */
export interface RenderState {
  kubernetesVersion: string;
  imageRewrite: Record<string, string>;
  tracker: ValueTracker;
  emissions: Emission[];
}
