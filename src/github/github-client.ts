import { randomUUID } from "node:crypto";
import { retry } from "@octokit/plugin-retry";
import { throttling, type ThrottlingOptions } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import type { GithubConfig } from "./github-config.js";
import { redact } from "./github-errors.js";

const KforgeOctokit = Octokit.plugin(throttling, retry);
export type GithubClient = InstanceType<typeof KforgeOctokit>;

/** Longest wait for a rate limit before giving up: a PR comment is not worth a stuck runner. */
const MAX_WAIT_SECONDS = 120;
/** Retries after a rate limit (primary or secondary) for one request. */
const RATE_LIMIT_RETRIES = 3;

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
 * rate limits and for the reset on primary ones, a bounded number of times) and the retry plugin
 * (server errors). Each client gets its own limiter id so that two clients in one process are
 * spaced independently, like two workflow runs.
 */
export function createGithubClient(config: GithubConfig, options: ClientOptions): GithubClient {
  const warn = (message: string) => options.warn(redact(message, config.token));
  const onLimit = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
    // A route template, or a full URL when paginating: the path alone reads the same either way.
    const where = `${request.method} ${request.url.replace(/^https?:\/\/[^/]+/, "").replace(/\?.*$/, "")}`;
    if (retryCount >= RATE_LIMIT_RETRIES || retryAfter > MAX_WAIT_SECONDS) {
      warn(`GitHub ${kind} on ${where}: not retrying (waited ${retryCount} times; next wait ${retryAfter} s)`);
      return false;
    }
    warn(`GitHub ${kind} on ${where}: retrying in ${retryAfter} s`);
    return true;
  };
  return new KforgeOctokit({
    auth: config.token,
    baseUrl: config.apiUrl,
    userAgent: "kforge",
    // Failed requests are logged at error level by the request-log plugin; kforge says them itself.
    log: { debug: () => {}, info: () => {}, warn: (m: string) => warn(String(m)), error: () => {} },
    throttle: {
      id: randomUUID(),
      onRateLimit: onLimit("rate limit"),
      onSecondaryRateLimit: onLimit("secondary rate limit"),
      ...options.throttle,
    },
    retry: { retries: 2 },
  });
}
