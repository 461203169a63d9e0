import { afterEach, describe, expect, it } from "vitest";
import { useColor } from "../../src/cli/use-color.js";
import { clusterYaml, MINI_BLUEPRINT } from "../helpers/mini-blueprint.js";
import { makeRepo, runCli } from "../helpers/temp-repo.js";

describe("colour", () => {
  it("is on for a terminal, off for NO_COLOR, and FORCE_COLOR wins either way", () => {
    expect(useColor(true, false, {})).toBe(true);
    expect(useColor(false, false, {})).toBe(false);
    expect(useColor(true, false, { NO_COLOR: "1" })).toBe(false);
    expect(useColor(true, false, { NO_COLOR: "" })).toBe(true);
    expect(useColor(false, false, { FORCE_COLOR: "1" })).toBe(true);
    expect(useColor(false, false, { FORCE_COLOR: "" })).toBe(true);
    expect(useColor(false, false, { FORCE_COLOR: "1", NO_COLOR: "1" })).toBe(true);
    expect(useColor(true, false, { FORCE_COLOR: "0" })).toBe(false);
    expect(useColor(true, false, { FORCE_COLOR: "false" })).toBe(false);
    expect(useColor(true, true, { FORCE_COLOR: "1" })).toBe(false);
  });

  describe("in kforge check output", () => {
    afterEach(() => {
      delete process.env.FORCE_COLOR;
    });
    const repo = () =>
      makeRepo({ ...MINI_BLUEPRINT, "clusters/dev/cluster.yaml": clusterYaml("dev", "    - name: web\n      blueprint: mini\n      namespace: apps\n      values: {image: nginx:latest}\n") });

    it("follows FORCE_COLOR when standard output is not a terminal (a CI log)", async () => {
      const root = repo();
      expect((await runCli(["check"], root)).stdout).not.toContain("\u001b[");
      process.env.FORCE_COLOR = "1";
      expect((await runCli(["check"], root)).stdout).toContain("\u001b[");
    });
  });
});
