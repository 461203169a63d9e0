import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { PACKAGE_ROOT } from "../../src/package-root.js";

/** The parts of a GitHub Actions workflow these tests look at; everything else stays `unknown`. */
export interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string | boolean;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  "continue-on-error"?: boolean | string;
}

export interface Job {
  permissions?: unknown;
  steps?: Step[];
  uses?: string;
  if?: string;
}

export interface Workflow {
  name?: string;
  /** YAML 1.2 reads `on:` as the string key "on" (YAML 1.1 readers would make it `true`). */
  on?: unknown;
  permissions?: unknown;
  concurrency?: { group?: string; "cancel-in-progress"?: boolean | string } | string;
  jobs: Record<string, Job>;
}

export interface WorkflowFile {
  file: string;
  text: string;
  workflow: Workflow;
}

export const WORKFLOW_DIR = join(PACKAGE_ROOT, ".github", "workflows");

/** Every workflow of this repository, parsed; a YAML error fails loudly rather than hiding a file. */
export function loadWorkflows(): WorkflowFile[] {
  return readdirSync(WORKFLOW_DIR)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort()
    .map((file) => {
      const text = readFileSync(join(WORKFLOW_DIR, file), "utf8");
      const doc = parseDocument(text, { version: "1.2" });
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join("; ")}`);
      return { file, text, workflow: doc.toJS() as Workflow };
    });
}

export function workflowFile(file: string): WorkflowFile {
  const found = loadWorkflows().find((w) => w.file === file);
  if (!found) throw new Error(`.github/workflows/${file} is missing`);
  return found;
}

/** Trigger names: `on` may be a string, a list or a mapping. */
export function triggers(workflow: Workflow): string[] {
  const on = workflow.on;
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on.map(String);
  return on && typeof on === "object" ? Object.keys(on) : [];
}

export function triggerConfig(workflow: Workflow, name: string): Record<string, unknown> {
  const on = workflow.on;
  const config = on && typeof on === "object" && !Array.isArray(on) ? (on as Record<string, unknown>)[name] : undefined;
  return (config ?? {}) as Record<string, unknown>;
}

/** Every step of every job, with where it is for failure messages. */
export function allSteps(workflow: Workflow): { job: string; index: number; step: Step }[] {
  return Object.entries(workflow.jobs ?? {}).flatMap(([job, { steps = [] }]) => steps.map((step, index) => ({ job, index, step })));
}

export function stepById(workflow: Workflow, id: string): Step {
  const found = allSteps(workflow).find(({ step }) => step.id === id);
  if (!found) throw new Error(`no step with id ${id}`);
  return found.step;
}

export function isCheckout(step: Step): boolean {
  return typeof step.uses === "string" && step.uses.startsWith("actions/checkout@");
}
