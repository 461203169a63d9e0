/** "1 file", "2 files": a count with its noun, for every count kforge prints. */
export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}
