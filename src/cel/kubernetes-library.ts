import type { Environment } from "@marcbachmann/cel-js";
import { registerEncodersLibrary } from "./library-encoders.js";
import { registerFormatLibrary } from "./library-format.js";
import { registerIpLibrary } from "./library-ip.js";
import { registerListsLibrary } from "./library-lists.js";
import { registerMathLibrary } from "./library-math.js";
import { registerQuantityLibrary } from "./library-quantity.js";
import { registerSemverLibrary } from "./library-semver.js";
import { registerSetsLibrary } from "./library-sets.js";
import { registerStringsLibrary } from "./library-strings.js";
import { registerUrlLibrary } from "./library-url.js";

/**
 * The Kubernetes CEL extension libraries that CRD validation rules and admission policies use,
 * on top of the engine's standard library (which already has the strings extension's indexOf,
 * lastIndexOf, lowerAscii, upperAscii, substring, trim, split, join, and cel.bind, optionals).
 */
export function registerKubernetesLibrary(env: Environment): void {
  registerListsLibrary(env);
  registerSetsLibrary(env);
  registerStringsLibrary(env);
  registerQuantityLibrary(env);
  registerUrlLibrary(env);
  registerIpLibrary(env);
  registerSemverLibrary(env);
  registerFormatLibrary(env);
  registerMathLibrary(env);
  registerEncodersLibrary(env);
}
