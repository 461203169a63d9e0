import { describe, expect, it } from "vitest";
import { loadCommands } from "../../src/cli/main.js";
import { makeRepo, runCli } from "../helpers/temp-repo.js";

describe("every command's --help", async () => {
  const commands = await loadCommands();

  it.each(commands.map((c) => [c.name, c] as const))("kforge %s --help lists each option it takes", async (name, command) => {
    const result = await runCli([name, "--help"], makeRepo({}));
    expect(result.code).toBe(0);
    const options = result.stdout.slice(result.stdout.indexOf("\nOptions:\n"));
    expect(options.length, "an Options: section").toBeGreaterThan(10);
    for (const flag of [...Object.keys(command.flags), "help"]) expect(options, `--${flag}`).toMatch(new RegExp(`\\n +(-\\w, )?--${flag}\\b`));
  });
});

describe("a mistyped command line", () => {
  it("is one sentence naming the option, the likely one and the help", async () => {
    const result = await runCli(["render", "--chek"], makeRepo({}));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("kforge: unknown option --chek for kforge render (did you mean --check?); run `kforge render --help`\n");
  });

  it("says so for an option without a value, a value for a switch and a stray argument", async () => {
    const root = makeRepo({});
    expect((await runCli(["check", "--format"], root)).stderr).toBe("kforge: option --format of kforge check needs a value; run `kforge check --help`\n");
    expect((await runCli(["render", "--check=yes"], root)).stderr).toBe("kforge: option --check of kforge render takes no value; run `kforge render --help`\n");
    expect((await runCli(["check", "clusters"], root)).stderr).toBe('kforge: kforge check takes no arguments, but was given "clusters"; run `kforge check --help`\n');
    expect((await runCli(["lint", "--xyz"], root)).stderr).toBe("kforge: unknown option --xyz for kforge lint; run `kforge lint --help`\n");
  });

  it("suggests the closest choice for a mistyped option value", async () => {
    const root = makeRepo({});
    expect((await runCli(["lint", "--format", "jsno", "x"], root)).stderr).toContain("--format jsno: expected one of text, json, sarif, github, markdown (did you mean json?)");
    expect((await runCli(["check", "--fail-on", "warnings", "--root", root], root)).stderr).toContain("--fail-on warnings: expected error or warning (did you mean warning?)");
    expect((await runCli(["diff", "--format", "markdwn"], root)).stderr).toContain("(did you mean markdown?)");
  });
});
