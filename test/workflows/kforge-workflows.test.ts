import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/package-root.js";
import { allSteps, isCheckout, stepById, triggerConfig, triggers, workflowFile, type Step } from "./workflow-files.js";

const kforge = workflowFile("kforge.yml").workflow;
const comment = workflowFile("kforge-comment.yml").workflow;

const steps = (workflow: typeof kforge) => allSteps(workflow).map(({ step }) => step);
const runs = (workflow: typeof kforge) => steps(workflow).map((s) => s.run ?? "").join("\n");
const usesStep = (workflow: typeof kforge, action: string): Step => {
  const found = steps(workflow).find((s) => s.uses?.startsWith(`${action}@`));
  if (!found) throw new Error(`no ${action} step`);
  return found;
};
const indexOf = (workflow: typeof kforge, step: Step) => steps(workflow).indexOf(step);

describe("kforge.yml (pull_request: runs the PR's code with a read-only token)", () => {
  it("runs on pull_request and checks out enough history for the base commit", () => {
    expect(triggers(kforge)).toEqual(["pull_request"]);
    const checkout = steps(kforge).find(isCheckout)!;
    expect(checkout.with?.["fetch-depth"]).toBe(0);
  });

  it("annotates through `kforge check --format github` and records its exit code instead of failing at once", () => {
    const check = stepById(kforge, "check");
    expect(check.run).toMatch(/kforge(\.js)? check --format github \|\| status=\$\?/);
    expect(check.run).toContain('"$GITHUB_OUTPUT"');
  });

  it("writes the markdown report and the diff to the job summary and json results for the comment", () => {
    const text = runs(kforge);
    expect(text).toMatch(/check --format markdown --output "\$RUNNER_TEMP\/kforge-summary\/check\.md"/);
    expect(text).toMatch(/check --format json --output results\/check\.json/);
    expect(text).toMatch(/diff --base "\$BASE_SHA" --format json --output results\/diff\.json/);
    expect(text).toMatch(/diff --base "\$BASE_SHA" --format markdown --output "\$RUNNER_TEMP\/kforge-summary\/diff\.md"/);
    // Only the byte-counted writer touches the summary: a plain `>>` could pass GitHub's 1 MiB.
    expect(text).not.toContain("GITHUB_STEP_SUMMARY\"");
    const summary = stepById(kforge, "summary");
    expect(summary.run).toContain('"$RUNNER_TEMP/kforge-summary/check.md" "$RUNNER_TEMP/kforge-summary/diff.md"');
    expect(indexOf(kforge, summary)).toBeGreaterThan(indexOf(kforge, stepById(kforge, "diff")));
    expect(stepById(kforge, "diff").env?.BASE_SHA).toBe("${{ github.event.pull_request.base.sha }}");
  });

  it("uploads SARIF to code scanning with security-events: write, skipped or tolerated where the token cannot", () => {
    const upload = usesStep(kforge, "github/codeql-action/upload-sarif");
    expect(upload.with).toMatchObject({ sarif_file: "results/kforge.sarif", category: "kforge" });
    expect(upload["continue-on-error"]).toBe(true);
    expect(upload.if).toContain("github.event.pull_request.head.repo.full_name == github.repository");
    expect(runs(kforge)).toMatch(/check --format sarif --output results\/kforge\.sarif/);
    expect(kforge.jobs.check.permissions).toMatchObject({ "security-events": "write", contents: "read" });
  });

  it("uploads results/ even when check failed, then fails the job", () => {
    const upload = usesStep(kforge, "actions/upload-artifact");
    expect(upload.if).toContain("always()");
    expect(upload.with).toMatchObject({ name: "kforge-results", path: "results/" });
    const fail = steps(kforge).at(-1)!;
    expect(indexOf(kforge, fail)).toBeGreaterThan(indexOf(kforge, upload));
    expect(fail.if).toContain("steps.check.outputs.status != '0'");
    expect(fail.run).toMatch(/exit 1\s*$/);
    expect(runs(kforge)).toContain("results/pull-request.json");
  });
});

describe("kforge.yml job summary step", () => {
  it("appends both reports within 1 MiB counted in bytes, skipping a report that is missing", () => {
    // The step's script as the runner runs it, with dist/ served from src/ through tsx.
    const work = mkdtempSync(join(tmpdir(), "kforge-summary-step-"));
    symlinkSync(join(PACKAGE_ROOT, "src"), join(work, "dist"));
    symlinkSync(join(PACKAGE_ROOT, "node_modules"), join(work, "node_modules"));
    writeFileSync(join(work, "package.json"), '{"type": "module"}');
    const temp = join(work, "runner-temp");
    mkdirSync(join(temp, "kforge-summary"), { recursive: true });
    const line = (i: number) => `| ${i} | ${"漢字🚀".repeat(30)} |`;
    writeFileSync(join(temp, "kforge-summary", "check.md"), Array.from({ length: 12_000 }, (_, i) => line(i)).join("\n"));
    const summary = join(work, "summary.md");
    writeFileSync(summary, "");
    writeFileSync(join(work, "step.sh"), stepById(kforge, "summary").run!);
    const result = spawnSync("bash", ["-e", join(work, "step.sh")], {
      cwd: work,
      encoding: "utf8",
      env: { PATH: process.env.PATH, RUNNER_TEMP: temp, GITHUB_STEP_SUMMARY: summary, NODE_OPTIONS: "--import tsx" },
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const bytes = readFileSync(summary);
    expect(bytes.length).toBeLessThanOrEqual(1024 * 1024);
    expect(bytes.length).toBeGreaterThan(1000 * 1000);
    expect(new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toMatch(/⚠️ The report was cut to fit GitHub's limit of 1 MiB for a step's job summary\.\n$/);
  });
});

describe("kforge-comment.yml (workflow_run: holds a write token, never runs the PR's code)", () => {
  it("runs when the kforge workflow completes, for pull_request runs that produced results", () => {
    expect(triggers(comment)).toEqual(["workflow_run"]);
    expect(triggerConfig(comment, "workflow_run")).toEqual({ workflows: [kforge.name], types: ["completed"] });
    expect(comment.jobs.comment.if).toContain("github.event.workflow_run.event == 'pull_request'");
  });

  it("asks for exactly actions: read, contents: read and pull-requests: write", () => {
    expect(comment.permissions).toEqual({ actions: "read", contents: "read", "pull-requests": "write" });
    for (const job of Object.values(comment.jobs)) expect(job.permissions).toBeUndefined();
  });

  it("checks out only the default branch, and installs kforge before the artifact is on disk", () => {
    const checkouts = steps(comment).filter(isCheckout);
    expect(checkouts).toHaveLength(1);
    expect(checkouts[0].with?.ref).toBe("${{ github.event.repository.default_branch }}");
    const download = usesStep(comment, "actions/download-artifact");
    const install = steps(comment).find((s) => s.run?.trim() === "npm ci")!;
    expect(indexOf(comment, install)).toBeLessThan(indexOf(comment, download));
  });

  it("downloads the kforge run's artifact outside the workspace", () => {
    const download = usesStep(comment, "actions/download-artifact");
    expect(download.with).toMatchObject({
      name: usesStep(kforge, "actions/upload-artifact").with?.name,
      "run-id": "${{ github.event.workflow_run.id }}",
      "github-token": "${{ github.token }}",
    });
    expect(String(download.with?.path)).toMatch(/^\$\{\{ runner\.temp \}\}\//);
  });

  it("never executes anything from the artifact: its files are only arguments", () => {
    const text = runs(comment);
    expect(text).not.toMatch(/\b(source|eval|chmod|bash|sh|exec)\s+"?\$\{?(RESULTS|file)\b/);
    expect(text).not.toMatch(/(^|[;&|]\s*)\.\s+"?\$/m);
    expect(text).not.toMatch(/(^\s*|[;&|(]\s*)"?\$\{?(RESULTS|file)\b/m);
  });

  it("takes the PR number from the event, else by head SHA, and validates it as digits", () => {
    const find = stepById(comment, "pr");
    expect(find.env).toMatchObject({
      EVENT_PR: "${{ github.event.workflow_run.pull_requests[0].number }}",
      HEAD_SHA: "${{ github.event.workflow_run.head_sha }}",
    });
    expect(find.run).toContain('commits/$HEAD_SHA/pulls');
    expect(find.run).toContain('[[ "$number" =~ ^[0-9]{1,10}$ ]]');
  });

  it("runs `kforge comment` with the validated number and the json results", () => {
    const post = steps(comment).find((s) => s.run?.includes("kforge.js comment"))!;
    expect(post.run).toContain('comment --pr "$PR_NUMBER" "${inputs[@]}"');
    expect(post.env).toMatchObject({ PR_NUMBER: "${{ steps.pr.outputs.number }}", GITHUB_TOKEN: "${{ github.token }}" });
  });
});
