import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadKubernetesBundle, loadKubernetesReleases } from "../../src/validate/schema-bundle.js";

const BUILT = fileURLToPath(new URL("../../dist/validators/kubernetes-releases.json", import.meta.url));
const BUNDLE = fileURLToPath(new URL("../../schemas/kubernetes/kubernetes.json.gz", import.meta.url));

describe("the releases' kinds without the definitions", () => {
  it("are exactly the bundle's releases", () => {
    expect(loadKubernetesReleases()).toEqual(loadKubernetesBundle().releases);
    expect(Object.keys(loadKubernetesReleases())).toContain("1.36");
  });

  it.skipIf(!existsSync(BUILT))("are written by the build for the very schema file shipped, so a stale build is never read", () => {
    const built = JSON.parse(readFileSync(BUILT, "utf8")) as { sourceHash: string; releases: unknown };
    expect(built.sourceHash).toBe(createHash("sha256").update(readFileSync(BUNDLE)).digest("hex"));
    expect(built.releases).toEqual(loadKubernetesBundle().releases);
  });
});
