/**
 * The first line of a `yaml` package error, in words a user can act on. The parser runs out of
 * stack on documents nested thousands of levels deep (hostile or generated input) and says so
 * in JavaScript's words.
 */
export function yamlErrorMessage(message: string): string {
  const first = message.split("\n")[0];
  if (/Maximum call stack size exceeded/.test(first)) return "the YAML nests collections too deeply to read (thousands of levels); flatten it";
  return first;
}
