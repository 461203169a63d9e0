// Loaded with `node --import` into each timed kforge process: writes the process's peak
// resident set size (KiB) and CPU time (user + system, microseconds), both from getrusage, to
// $KFORGE_BENCH_RSS_FILE when it exits, so memory and CPU are measured the same way on every
// platform without /usr/bin/time.
import { writeFileSync } from "node:fs";

const file = process.env.KFORGE_BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(file, `${usage.maxRSS} ${usage.userCPUTime + usage.systemCPUTime}`);
  });
}
