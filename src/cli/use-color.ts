/**
 * Whether text output to standard output is coloured: on a terminal unless NO_COLOR is set (to
 * anything but ""), and off a terminal (CI logs, pipes) when FORCE_COLOR asks for it. As in
 * Node.js, FORCE_COLOR wins over NO_COLOR, and FORCE_COLOR=0 (or "false") turns colour off.
 * A report written to a file (--output) is never coloured: files are read by tools.
 */
export function useColor(isTty: boolean, toFile: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  if (toFile) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force.toLowerCase() !== "false";
  if (env.NO_COLOR) return false;
  return isTty;
}
