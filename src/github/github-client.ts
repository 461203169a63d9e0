import { randomUUID } from "node:crypto";
import { retry } from "@octokit/plugin-retry";
import { throttling, type ThrottlingOptions } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import type { GithubConfig } from "./github-config.js";
import { GithubError, redact } from "./github-errors.js";
import { rateLimitHandler, requestedWait } from "./rate-limit.js";

const KforgeOctokit = Octokit.plugin(throttling, retry);
export type GithubClient = InstanceType<typeof KforgeOctokit>;

/**
 * Statuses the retry plugin must not retry. Its default list lacks 429: it would retry a rate
 * limit after 1 and 4 s whatever `retry-after` says. Rate limits are the throttling plugin's,
 * which honours the wait and gives up when it is too long.
 */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];

export interface ClientOptions {
  /** Where warnings go (rate-limit waits); the token is removed from anything written. */
  warn: (message: string) => void;
  /**
   * Overrides for the throttling plugin's limiters. GitHub asks for a second between writes,
   * which the defaults do; tests replace the write limiters to run fast.
   */
  throttle?: Pick<ThrottlingOptions, "write" | "notifications" | "retryAfterBaseValue">;
}

/**
 * An Octokit for the REST API with the throttling plugin (waits for `retry-after` on secondary
 * rate limits and for the reset on primary ones, a bounded number of times and never longer
 * than rate-limit.ts allows) and the retry plugin (server errors). Each client gets its own
 * limiter id so that two clients in one process are spaced independently, like two workflow runs.
 */
export function createGithubClient(config: GithubConfig, options: ClientOptions): GithubClient {
  const warn = (message: string) => options.warn(redact(message, config.token));
  const client = new KforgeOctokit({
    auth: config.token,
    baseUrl: config.apiUrl,
    userAgent: "kforge",
    // A redirect is never followed: fetch would resend a POST as a GET (and report what the GET
    // returned as the created comment) or take the request, token and all, to another host.
    request: { redirect: "manual", fetch: retryAfterInSeconds },
    // Failed requests are logged at error level by the request-log plugin; kforge says them itself.
    log: { debug: () => {}, info: () => {}, warn: (m: string) => warn(String(m)), error: () => {} },
    throttle: {
      id: randomUUID(),
      onRateLimit: rateLimitHandler("rate limit", warn),
      onSecondaryRateLimit: rateLimitHandler("secondary rate limit", warn),
      ...options.throttle,
    },
    retry: { retries: 2, doNotRetry: DO_NOT_RETRY },
  });
  client.hook.after("request", (response, request) => {
    if (response.status >= 300 && response.status < 400) throw redirectError(response.status, response.headers.location, request.method, response.url || request.url, config.apiUrl);
  });
  return client;
}

/**
 * fetch, with a `retry-after` given as an HTTP date rewritten to seconds: the throttling plugin
 * reads only seconds and would take a date for its 60 s default, waiting and retrying however
 * far off the date is.
 */
async function retryAfterInSeconds(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  const retryAfter = response.headers.get("retry-after");
  if (retryAfter === null || /^\s*\d+(\.\d+)?\s*$/.test(retryAfter)) return response;
  const seconds = requestedWait({ "retry-after": retryAfter });
  if (seconds === undefined) return response;
  const headers = new Headers(response.headers);
  headers.set("retry-after", String(seconds));
  const rewritten = new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  Object.defineProperty(rewritten, "url", { value: response.url });
  return rewritten;
}

function redirectError(status: number, location: string | undefined, method: string, url: string, apiUrl: string): GithubError {
  const path = url.replace(/^https?:\/\/[^/]+/, "").replace(/\?.*$/, "");
  const target = location ? `to ${location.slice(0, 300)}` : "without a location";
  return new GithubError(
    `GitHub answered ${method} ${path} with a redirect (${status}) ${target}; kforge does not follow redirects: check GITHUB_API_URL (now ${apiUrl}), which must be the REST API root itself.`,
  );
}
