import { fileURLToPath } from "node:url";

/** The kforge package folder (holds schemas/ and data/), from src/ under vitest and dist/ when built. */
export const PACKAGE_ROOT = fileURLToPath(new URL("..", import.meta.url));
