import { describe, expect, it } from "vitest";
import { builtinDeprecations } from "../../src/lint/kube/deprecated-apis.js";
import { loadKindIndex } from "../../src/validate/schema-bundle.js";
import { SUPPORTED_MINORS } from "../../src/validate/schema-sets.js";

const minor = (release: string) => Number(release.split(".")[1]);
const index = loadKindIndex();
const table = builtinDeprecations();
const entry = (apiVersion: string, kind: string) => table.find((e) => e.apiVersion === apiVersion && e.kind === kind);
const kinds = Object.entries(index).flatMap(([apiVersion, byKind]) => Object.entries(byKind).filter(([kind]) => !kind.endsWith("List")).map(([kind, releases]) => ({ apiVersion, kind, releases: releases.map(minor) })));

describe("the deprecation table and the schema sets", () => {
  it("every kind a release stops serving is in the table, removed in that release", () => {
    const missing = kinds
      .filter(({ releases }) => releases.at(-1)! < SUPPORTED_MINORS.max)
      .filter(({ apiVersion, kind, releases }) => entry(apiVersion, kind)?.removedIn !== `1.${releases.at(-1)! + 1}`)
      .map(({ apiVersion, kind, releases }) => `${apiVersion} ${kind}: last served in 1.${releases.at(-1)}, table says ${entry(apiVersion, kind)?.removedIn ?? "nothing"}`);
    expect(missing).toEqual([]);
  });

  it("a release serves no kind the table says it removed, and served it just before", () => {
    const wrong: string[] = [];
    for (const e of table) {
      if (!e.removedIn || minor(e.removedIn) > SUPPORTED_MINORS.max) continue;
      const releases = index[e.apiVersion]?.[e.kind]?.map(minor) ?? [];
      if (releases.some((r) => r >= minor(e.removedIn!))) wrong.push(`${e.apiVersion} ${e.kind} is served after ${e.removedIn}`);
      if (minor(e.removedIn) > SUPPORTED_MINORS.min && !releases.includes(minor(e.removedIn) - 1)) wrong.push(`${e.apiVersion} ${e.kind} is not served in the release before ${e.removedIn}`);
    }
    expect(wrong).toEqual([]);
  });

  it("each replacement is served from the release the table says, and by the release that removes the old one", () => {
    const wrong: string[] = [];
    for (const e of table) {
      if (!e.replacement || !e.replacementSince) continue;
      const [apiVersion, kind = e.kind] = e.replacement.split(" ");
      const releases = index[apiVersion]?.[kind]?.map(minor) ?? [];
      const since = minor(e.replacementSince);
      if (since >= SUPPORTED_MINORS.min && releases[0] !== since) wrong.push(`${apiVersion} ${kind}: table says served from ${e.replacementSince}, sets from 1.${releases[0]}`);
      const removed = e.removedIn ? minor(e.removedIn) : undefined;
      if (removed !== undefined && removed <= SUPPORTED_MINORS.max && removed >= SUPPORTED_MINORS.min && !releases.includes(removed)) wrong.push(`${apiVersion} ${kind} (replacing ${e.apiVersion}) is not served in ${e.removedIn}`);
    }
    expect(wrong).toEqual([]);
  });
});
