import { plural } from "../report/plural.js";

/**
 * How long kforge waits for GitHub's rate limits. A wait beyond the limit is not worth a stuck
 * runner (and a `retry-after` of hours would hold the job until it times out): it fails at once,
 * saying when the job can run again.
 */

/** Longest wait for a rate limit before giving up. */
export const MAX_WAIT_SECONDS = 120;
/** Retries after a rate limit (primary or secondary) for one request. */
export const RATE_LIMIT_RETRIES = 3;

type Headers = Record<string, string | number | undefined>;

/**
 * Seconds GitHub asks to wait, from `retry-after` (seconds or an HTTP date) or, when the primary
 * limit is used up, from `x-ratelimit-reset` (epoch seconds); undefined when it says neither.
 */
export function requestedWait(headers: Headers | undefined, now = Date.now()): number | undefined {
  const retryAfter = headers?.["retry-after"];
  if (retryAfter !== undefined && String(retryAfter).trim() !== "") {
    const text = String(retryAfter).trim();
    if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
    const date = Date.parse(text);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - now) / 1000));
  }
  const reset = headers?.["x-ratelimit-reset"];
  if (String(headers?.["x-ratelimit-remaining"]) === "0" && reset !== undefined && /^\d+$/.test(String(reset))) {
    return Math.max(0, Math.ceil(Number(reset) - now / 1000) + 1);
  }
  return undefined;
}

/** `3600 s (until 2026-01-01T18:40:00Z)`: when the job can be run again. */
export function waitText(seconds: number, now = Date.now()): string {
  const until = new Date(now + seconds * 1000).toISOString().replace(/\.\d+Z$/, "Z");
  return `${seconds} s (until ${until})`;
}

interface LimitedRequest {
  method: string;
  url: string;
  [parameter: string]: unknown;
}

/**
 * The throttling plugin's onRateLimit / onSecondaryRateLimit: retry only a few times and only
 * when the wait is within the limit; returning false makes the request fail with GitHub's answer.
 */
export function rateLimitHandler(kind: string, warn: (message: string) => void) {
  return (retryAfter: number, request: LimitedRequest, _octokit: unknown, retryCount: number): boolean => {
    // A route template with its parameters filled in, or a full URL: the path reads the same either way.
    const path = request.url.replace(/^https?:\/\/[^/]+/, "").replace(/\?.*$/, "").replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = request[name];
      return typeof value === "string" || typeof value === "number" ? encodeURIComponent(String(value)) : whole;
    });
    const where = `${request.method} ${path}`;
    if (retryAfter > MAX_WAIT_SECONDS) {
      warn(`GitHub ${kind} on ${where}: asks to wait ${waitText(retryAfter)}, more than kforge waits (${MAX_WAIT_SECONDS} s); not retrying`);
      return false;
    }
    if (retryCount >= RATE_LIMIT_RETRIES) {
      warn(`GitHub ${kind} on ${where}: not retrying (waited ${plural(retryCount, "time")}; next wait ${retryAfter} s)`);
      return false;
    }
    warn(`GitHub ${kind} on ${where}: retrying in ${retryAfter} s`);
    return true;
  };
}
