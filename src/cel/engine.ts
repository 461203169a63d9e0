import { createRequire } from "node:module";

type Engine = typeof import("@marcbachmann/cel-js");

let engine: Engine | undefined;
let unavailable: string | undefined;

/**
 * The CEL engine, loaded on first use: most lint runs meet no CEL rule, and loading the engine
 * costs more than a small lint. Rules run synchronously, so this uses require() of an ES module,
 * which Node.js has from 20.19 and 22.12 on; undefined (see celUnavailable) on older releases.
 */
export function celEngine(): Engine | undefined {
  if (engine || unavailable) return engine;
  try {
    engine = createRequire(import.meta.url)("@marcbachmann/cel-js") as Engine;
  } catch (error) {
    if ((error as { code?: string }).code !== "ERR_REQUIRE_ESM") throw error;
    unavailable = `CEL rules need Node.js 20.19, 22.12 or later (this is ${process.version})`;
  }
  return engine;
}

/** Why CEL expressions cannot be evaluated in this process, or undefined when they can. */
export function celUnavailable(): string | undefined {
  celEngine();
  return unavailable;
}

/** The engine, for code that runs only after compileCel succeeded. */
export function loadedEngine(): Engine {
  const loaded = celEngine();
  if (!loaded) throw new Error(unavailable);
  return loaded;
}
