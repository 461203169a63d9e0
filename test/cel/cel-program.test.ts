import { describe, expect, it } from "vitest";
import { compileCel } from "../../src/cel/cel-program.js";

const compile = (expression: string) => {
  const compiled = compileCel(expression, ["self", "oldSelf"]);
  if (!compiled.ok) throw new Error(compiled.error.message);
  return compiled.program;
};

describe("compileCel", () => {
  it("compiles once and evaluates with different variables", () => {
    const program = compile("self.replicas <= 5 && self.name.startsWith('web')");
    expect(program.evaluate({ self: { replicas: 3n, name: "web-1" } })).toMatchObject({ ok: true, value: true });
    expect(program.evaluate({ self: { replicas: 7n, name: "web-1" } })).toMatchObject({ ok: true, value: false });
  });

  it("reports a syntax error with its offset, and an unknown function as a type error", () => {
    expect(compileCel("self.replicas <=", ["self"])).toEqual({ ok: false, error: { message: "Unexpected token: EOF", offset: 16 } });
    const unknown = compileCel("self.name.frobnicate()", ["self"]);
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.message).toContain("found no matching overload for 'dyn.frobnicate()'");
  });

  it("marks valid CEL the engine cannot compile as unsupported, not as the author's mistake", () => {
    for (const expression of ["has(self[0].name)", "self.all(k, v, v > 0)", "self.existsOne(x, x > 1)"]) {
      expect(compileCel(expression, ["self"])).toMatchObject({ ok: false, error: { unsupported: true } });
    }
    expect(compileCel("has(self)", ["self"])).toMatchObject({ ok: false, error: { message: "has() invalid argument" } });
    expect(compileCel("has(self)", ["self"])).not.toMatchObject({ error: { unsupported: true } });
  });

  it("refuses a variable that was not declared", () => {
    const compiled = compileCel("object.spec", ["self"]);
    expect(compiled.ok).toBe(false);
  });

  it("lists the variables an expression refers to", () => {
    expect([...compile("self.x == oldSelf.x").references].sort()).toEqual(["oldSelf", "self"]);
    expect([...compile("self.items.all(i, i > 0)").references]).toEqual(["self"]);
  });

  it("returns a missing field as an evaluation error, not a throw", () => {
    expect(compile("self.nope > 1").evaluate({ self: {} })).toMatchObject({ ok: false, kind: "error", message: "No such key: nope" });
  });

  it("supports optionals, cel.bind and the macros", () => {
    expect(compile("self.?size.orValue(3) == 3").evaluate({ self: {} })).toMatchObject({ value: true });
    expect(compile("cel.bind(n, self.items.size(), n * 2)").evaluate({ self: { items: [1n, 2n] } })).toMatchObject({ value: 4n });
    expect(compile("self.items.filter(i, i > 1).map(i, i * 10)").evaluate({ self: { items: [1n, 2n, 3n] } })).toMatchObject({ value: [20n, 30n] });
    expect(compile("self.items.exists_one(i, i == 2)").evaluate({ self: { items: [1n, 2n, 3n] } })).toMatchObject({ value: true });
  });
});

describe("evaluation budget", () => {
  it("stops nested comprehensions over a long list and says so", () => {
    const program = compile("self.all(a, self.all(b, self.all(c, a + b + c >= 0)))");
    const result = program.evaluate({ self: Array.from({ length: 200 }, (_, i) => BigInt(i)) });
    expect(result).toMatchObject({ ok: false, kind: "budget", message: "exceeded its cost budget of 1000000 steps and was stopped" });
  });

  it("charges the size of built strings, so doubling cannot exhaust memory", () => {
    const doubling = Array.from({ length: 40 }, (_, i) => `cel.bind(s${i + 1}, s${i} + s${i}, `).join("");
    const program = compile(`cel.bind(s0, self, ${doubling}s40.size() > 0${")".repeat(41)}`);
    expect(program.evaluate({ self: "x".repeat(100) })).toMatchObject({ ok: false, kind: "budget" });
  });

  it("honours a smaller budget given per evaluation", () => {
    const program = compile("self.all(i, i > 0)");
    const self = Array.from({ length: 50 }, () => 1n);
    expect(program.evaluate({ self })).toMatchObject({ ok: true, value: true });
    expect(program.evaluate({ self }, { cost: 20, timeMs: 1000 })).toMatchObject({ ok: false, kind: "budget", message: "exceeded its cost budget of 20 steps and was stopped" });
  });

  it("runs matches() on RE2: a catastrophic pattern returns at once", () => {
    const program = compile("self.matches('^(a+)+$')");
    expect(program.evaluate({ self: `${"a".repeat(5000)}!` })).toMatchObject({ ok: true, value: false });
    expect(program.evaluate({ self: "aaa" })).toMatchObject({ ok: true, value: true });
  });

  it("reports a pattern RE2 refuses as an evaluation error", () => {
    const result = compile("self.matches('(?=a)')").evaluate({ self: "a" });
    expect(result).toMatchObject({ ok: false, kind: "error" });
  });

  it("refuses an expression longer than the cap before parsing it", () => {
    const compiled = compileCel(`self == ${"1 + ".repeat(5000)}1`, ["self"]);
    expect(compiled).toMatchObject({ ok: false, error: { message: expect.stringContaining("at most 10000 are compiled") } });
  });
});
