import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { WIDGET_CRD_HEAD } from "../helpers/widget-crd.js";
import { makeRepo, runCli } from "../helpers/temp-repo.js";
import { git, outsideCi } from "../helpers/cache-env.js";

const CACHE = ".kforge-cache";
const VALIDATORS = join(CACHE, "crd-validators");
const VERDICTS = join(CACHE, "crd-schema-verdicts.json");

const WIDGET_CRD = `${WIDGET_CRD_HEAD}            type: object
            required: [size]
            x-kubernetes-validations:
            - rule: self.size < 10
              message: size must be under 10
            properties:
              size: {type: integer, format: int32, minimum: 1}
              name: {type: string, pattern: '^[a-z]+(-[a-z]+)*$'}
              color: {type: string, enum: [red, green]}
              since: {type: string, format: date-time}
`;

/** A second CRD whose schema the API server would refuse: a crd-schema finding a forged verdict could hide. */
const BROKEN_CRD = WIDGET_CRD.replaceAll("Widget", "Gadget").replace("widgets.example.com", "gadgets.example.com").replace("plural: widgets", "plural: gadgets").replace("type: integer, format", "type: strign, format");

const WIDGET = `apiVersion: example.com/v1
kind: Widget
metadata: {name: w, namespace: default, lables: {}}
spec:
  size: 12
  name: Not_Lower
  color: blue
  since: yesterday
  extra: 1
`;

const lint = (root: string) => runCli(["lint", ".", "--kube-version", "1.30", "--format", "json"], root);

/** Makes every cached verdict "no problems" and every cached validator accept anything. */
function forgeCache(root: string): void {
  const verdicts = JSON.parse(readFileSync(join(root, VERDICTS), "utf8")) as { entries: Record<string, unknown> };
  for (const key of Object.keys(verdicts.entries)) verdicts.entries[key] = [];
  writeFileSync(join(root, VERDICTS), JSON.stringify(verdicts));
  for (const file of readdirSync(join(root, VALIDATORS))) {
    writeFileSync(join(root, VALIDATORS, file), "module.exports.default = function validate() { return true; };");
  }
}

describe("lint with the CRD cache (.kforge-cache/)", () => {
  outsideCi();

  it("stores verdicts and compiled validators, and a second run gives the identical report", async () => {
    const root = makeRepo({ "crds.yaml": `${WIDGET_CRD}---\n${BROKEN_CRD}`, "widget.yaml": WIDGET });
    const cold = await lint(root);
    expect(cold.code).toBe(1);
    expect(cold.stdout).toContain("crd-schema");
    expect(cold.stdout).toContain("size must be under 10");
    expect(cold.stdout).toContain("does not match the pattern");
    expect(readdirSync(join(root, VALIDATORS))).toHaveLength(1);
    // The folder ignores itself: it never reaches git by accident.
    expect(readFileSync(join(root, CACHE, ".gitignore"), "utf8")).toBe("*\n");
    expect(Object.keys((JSON.parse(readFileSync(join(root, VERDICTS), "utf8")) as { entries: object }).entries)).toHaveLength(2);
    const warm = await lint(root);
    expect(warm).toEqual(cold);
  });

  it("ignores damaged entries", async () => {
    const root = makeRepo({ "crds.yaml": `${WIDGET_CRD}---\n${BROKEN_CRD}`, "widget.yaml": WIDGET });
    const cold = await lint(root);
    for (const file of readdirSync(join(root, VALIDATORS))) writeFileSync(join(root, VALIDATORS, file), "this is not { JavaScript");
    const verdicts = JSON.parse(readFileSync(join(root, VERDICTS), "utf8")) as { entries: Record<string, unknown> };
    for (const key of Object.keys(verdicts.entries)) verdicts.entries[key] = [{ path: "not a path", message: 1 }];
    writeFileSync(join(root, VERDICTS), JSON.stringify(verdicts));
    expect(await lint(root)).toEqual(cold);
    writeFileSync(join(root, VERDICTS), "{ truncated");
    expect(await lint(root)).toEqual(cold);
  });

  it("is read only when it is this machine's own: not in CI, not when git tracks it", async () => {
    const root = makeRepo({ "crds.yaml": `${WIDGET_CRD}---\n${BROKEN_CRD}`, "widget.yaml": WIDGET });
    const cold = await lint(root);
    git(root, "init", "-q");
    forgeCache(root);
    // Untracked, outside CI: the forged cache is this machine's own and is used (so the guards below matter).
    const forged = await lint(root);
    expect(forged.stdout).not.toContain("crd-schema");
    expect(forged.stdout).not.toContain("does not match the pattern");
    process.env.CI = "true";
    expect(await lint(root)).toEqual(cold);
    delete process.env.CI;
    git(root, "add", "-f", CACHE);
    expect(await lint(root)).toEqual(cold);
  });

  it("compiles again when the CRD changes", async () => {
    const root = makeRepo({ "crds.yaml": WIDGET_CRD, "widget.yaml": WIDGET });
    const before = await lint(root);
    expect(before.stdout).toContain("is not one of");
    writeFileSync(join(root, "crds.yaml"), WIDGET_CRD.replace("enum: [red, green]", "enum: [red, green, blue]"));
    const after = await lint(root);
    expect(after.stdout).not.toContain("is not one of");
    expect(readdirSync(join(root, VALIDATORS))).toHaveLength(2);
    rmSync(join(root, CACHE), { recursive: true });
    expect(await lint(root)).toEqual(after);
  });

  it("puts the cache where --cache-dir says, and a cache folder that cannot be made does not break the run", async () => {
    const root = makeRepo({ "crds.yaml": WIDGET_CRD, "widget.yaml": WIDGET, "blocked": "a file where a folder would go\n" });
    const elsewhere = await runCli(["lint", ".", "--kube-version", "1.30", "--format", "json", "--cache-dir", "cache"], root);
    expect(existsSync(join(root, "cache", "crd-validators"))).toBe(true);
    expect(existsSync(join(root, CACHE))).toBe(false);
    const blocked = await runCli(["lint", ".", "--kube-version", "1.30", "--format", "json", "--cache-dir", "blocked/cache"], root);
    expect(blocked).toEqual(elsewhere);
  });
});
