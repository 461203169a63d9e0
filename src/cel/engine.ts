import { createRequire } from "node:module";

type Engine = typeof import("@marcbachmann/cel-js");

let engine: Engine | undefined;

/**
 * The CEL engine, loaded on first use: most lint runs meet no CEL rule, and loading the engine
 * costs more than a small lint. Rules run synchronously, so this uses require() of an ES module
 * (Node 20.19 and later, which the engine needs anyway).
 */
export function celEngine(): Engine {
  engine ??= createRequire(import.meta.url)("@marcbachmann/cel-js") as Engine;
  return engine;
}
