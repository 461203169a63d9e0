import { describe, expect, it } from "vitest";
import { allSteps, isCheckout, loadWorkflows, triggers, type Workflow } from "./workflow-files.js";

const workflows = loadWorkflows();

/** The only write scopes a workflow may hold, and why; a new workflow starts with none. */
const WRITE_ALLOWED: Record<string, string[]> = {
  "kforge.yml": ["security-events"], // SARIF upload to code scanning
  "kforge-comment.yml": ["pull-requests"], // the sticky comment
};

/** Triggers whose runs hold a write token while the PR's code is at hand. */
const PRIVILEGED_TRIGGERS = ["pull_request_target", "workflow_run", "issue_comment"];

function permissionEntries(permissions: unknown, where: string): [string, string][] {
  expect(typeof permissions, `${where}: permissions must be a mapping of scopes, never read-all or write-all`).toBe("object");
  expect(permissions, `${where}: permissions must be a mapping`).not.toBeNull();
  return Object.entries(permissions as Record<string, unknown>).map(([scope, level]) => [scope, String(level)]);
}

/** Top-level permissions plus those of each job that sets its own (job-level replaces, it does not merge). */
function permissionBlocks(workflow: Workflow): { where: string; permissions: unknown }[] {
  const jobs = Object.entries(workflow.jobs).filter(([, job]) => job.permissions !== undefined);
  return [{ where: "top level", permissions: workflow.permissions }, ...jobs.map(([name, job]) => ({ where: `job ${name}`, permissions: job.permissions }))];
}

describe.each(workflows)("$file", ({ file, workflow }) => {
  it("has an explicit top-level permissions block, and no job widens it beyond its allowance", () => {
    expect(Object.hasOwn(workflow, "permissions"), "add a top-level `permissions:` block").toBe(true);
    for (const { where, permissions } of permissionBlocks(workflow)) {
      for (const [scope, level] of permissionEntries(permissions, where)) {
        expect(["read", "write", "none"], `${where}: ${scope}: ${level}`).toContain(level);
        if (level === "write") expect(WRITE_ALLOWED[file] ?? [], `${where}: ${scope}: write is not allowed in ${file}`).toContain(scope);
      }
    }
  });

  it("never uses pull_request_target", () => {
    expect(triggers(workflow)).not.toContain("pull_request_target");
  });

  it("passes event data and step outputs to scripts through env, never as ${{ }} inside run", () => {
    for (const { job, index, step } of allSteps(workflow)) {
      if (step.run === undefined) continue;
      expect(step.run, `job ${job} step ${index + 1} (${step.name ?? step.run.split("\n")[0]}): move the expression into env:`).not.toMatch(/\$\{\{/);
    }
  });

  it("pins every action to a version", () => {
    for (const { job, index, step } of allSteps(workflow)) {
      if (step.uses === undefined) continue;
      expect(step.uses, `job ${job} step ${index + 1}`).toMatch(/^[\w.-]+\/[\w./-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/);
    }
  });

  it("never checks out the PR head in a workflow that holds a write token", () => {
    if (!triggers(workflow).some((t) => PRIVILEGED_TRIGGERS.includes(t))) return;
    for (const { job, index, step } of allSteps(workflow).filter(({ step }) => isCheckout(step))) {
      const ref = String(step.with?.ref ?? "");
      expect(ref, `job ${job} step ${index + 1}: check out the default branch, not the PR`).toBe("${{ github.event.repository.default_branch }}");
      expect(step.with?.repository, `job ${job} step ${index + 1}: never check out the fork`).toBeUndefined();
    }
  });
});

describe("ci.yml", () => {
  const ci = workflows.find((w) => w.file === "ci.yml")!;

  it("runs npm ci and the README's test command on push and pull_request", () => {
    expect(triggers(ci.workflow)).toEqual(expect.arrayContaining(["push", "pull_request"]));
    const runs = allSteps(ci.workflow).map(({ step }) => step.run?.trim());
    expect(runs).toContain("npm ci");
    expect(runs).toContain("npm test");
    expect(runs.indexOf("npm ci")).toBeLessThan(runs.indexOf("npm test"));
  });
});

describe("kforge workflows", () => {
  it.each(["kforge.yml", "kforge-comment.yml"])("%s has one concurrency group per PR that cancels stale runs", (file) => {
    const { workflow } = workflows.find((w) => w.file === file)!;
    const concurrency = workflow.concurrency;
    expect(typeof concurrency).toBe("object");
    const { group, "cancel-in-progress": cancel } = concurrency as { group?: string; "cancel-in-progress"?: boolean };
    expect(group).toMatch(/\$\{\{ github\.event\.(pull_request\.number|workflow_run\.head_repository\.full_name) \}\}/);
    expect(cancel).toBe(true);
  });
});
