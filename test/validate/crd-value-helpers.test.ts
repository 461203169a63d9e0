import { describe, expect, it } from "vitest";
import { escapeName, toCelValue } from "../../src/validate/crd-cel-value.js";
import { withDefaults } from "../../src/validate/crd-defaults.js";
import { hasFormat } from "../../src/validate/crd-formats.js";
import { parseFieldPath } from "../../src/validate/crd-rule-programs.js";
import { describePath } from "../../src/validate/crd-value-checks.js";

describe("withDefaults", () => {
  const schema = {
    type: "object",
    properties: {
      mode: { type: "string", default: "fast" },
      ports: { type: "array", items: { type: "object", properties: { protocol: { type: "string", default: "TCP" } } } },
      nested: { type: "object", default: {}, properties: { size: { type: "integer", default: 2 } } },
    },
  };

  it("fills absent fields, inside list items and inside a defaulted object, without touching the input", () => {
    const input = { ports: [{ port: 80 }, { port: 53, protocol: "UDP" }] };
    expect(withDefaults(input, schema)).toEqual({ mode: "fast", ports: [{ port: 80, protocol: "TCP" }, { port: 53, protocol: "UDP" }], nested: { size: 2 } });
    expect(input).toEqual({ ports: [{ port: 80 }, { port: 53, protocol: "UDP" }] });
  });

  it("returns the value itself when nothing is defaulted", () => {
    const input = { mode: "slow", ports: [], nested: { size: 1 } };
    expect(withDefaults(input, schema)).toBe(input);
  });
});

describe("toCelValue", () => {
  it("types numbers by the schema and drops null fields that are not nullable", () => {
    const schema = { type: "object", properties: { count: { type: "integer" }, ratio: { type: "number" }, gone: { type: "string" }, kept: { type: "string", nullable: true } } };
    expect(toCelValue({ count: 3, ratio: 2, gone: null, kept: null, extra: 4 }, schema)).toEqual({ count: 3n, ratio: 2, kept: null, extra: 4n });
  });

  it("escapes declared field names the API server's way", () => {
    expect(["namespace", "x-y", "a.b", "a/b", "a__b", "plain"].map(escapeName)).toEqual(["__namespace__", "x__dash__y", "a__dot__b", "a__slash__b", "a__underscores__b", "plain"]);
  });
});

describe("field paths", () => {
  it("parses a rule's fieldPath", () => {
    expect(parseFieldPath(".spec.ports[0]['app.kubernetes.io/name']")).toEqual(["spec", "ports", 0, "app.kubernetes.io/name"]);
    expect(parseFieldPath("spec")).toBeUndefined();
  });

  it("writes a path the way the API server does", () => {
    expect(describePath(["spec", "ports", 0, "name"])).toBe("spec.ports[0].name");
    expect(describePath(["metadata", "labels", "app.kubernetes.io/name"])).toBe("metadata.labels[app.kubernetes.io/name]");
  });
});

describe("hasFormat", () => {
  it.each([
    ["uuid", "0b8d3c9e-2f44-4d0e-9a51-7c3f1e2a4b6d", true],
    ["uuid", "nope", false],
    ["ipv4", "10.0.0.1", true],
    ["ipv4", "10.0.0.256", false],
    ["cidr", "10.0.0.0/8", true],
    ["duration", "1h30m", true],
    ["duration", "90 minutes", false],
    ["email", "a@example.com", true],
    ["hostname", "-bad", false],
    ["date", "2024-02-29", true],
    ["date", "2023-02-29", false],
    ["date", "2023-13-01", false],
    ["unknown-format", "anything", true],
  ])("%s %s: %s", (format, value, expected) => expect(hasFormat(format, value)).toBe(expected));
});
