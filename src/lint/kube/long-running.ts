import type { Resource } from "../../resources/resource.js";
import { containersOf, podTemplates, type ContainerRef, type PodTemplate } from "./workloads.js";

export interface LongRunningContainer extends ContainerRef {
  template: PodTemplate;
}

/**
 * Containers that keep running for the pod's whole life: the main containers of pods that
 * restart Always (not Jobs, CronJobs or run-to-completion Pods), plus sidecars, i.e. init
 * containers with `restartPolicy: Always`. Ordinary init containers run to completion.
 */
export function longRunningContainers(resources: readonly Resource[]): LongRunningContainer[] {
  return podTemplates(resources)
    .filter((template) => template.longRunning)
    .flatMap((template) =>
      containersOf(template)
        .filter((ref) => !ref.init || (ref.container as { restartPolicy?: unknown }).restartPolicy === "Always")
        .map((ref) => ({ ...ref, template })),
    );
}
