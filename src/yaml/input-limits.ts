/**
 * Size limits on files kforge reads from a repository or the command line. Input comes from pull
 * requests: a limit turns a huge file into one clear error instead of minutes of parsing and
 * gigabytes of memory. Both are far above what a real values file or manifest bundle needs (the
 * API server stores objects of at most 1.5 MiB).
 */
export const MAX_VALUES_FILE_BYTES = 8 * 1024 * 1024;
export const MAX_MANIFEST_FILE_BYTES = 64 * 1024 * 1024;

export function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}
