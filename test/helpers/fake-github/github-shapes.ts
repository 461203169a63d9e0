import { specExample } from "./openapi-spec.js";

/**
 * Response bodies built from the examples in GitHub's OpenAPI description, with the fields the
 * fake server keeps in its state put in. The server checks each against the response schema.
 */

export interface FakeUser {
  login: string;
  id: number;
  type: "User" | "Bot";
}

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: FakeUser;
  createdAt: string;
  updatedAt: string;
}

export interface FakeCheckRun {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  output: { title: string | null; summary: string | null };
  annotations: unknown[];
}

type Json = Record<string, unknown>;

export function userJson(base: string, user: FakeUser): Json {
  const example = specExample<Json>("simple-user");
  const url = `${base}/users/${encodeURIComponent(user.login)}`;
  const htmlUrl = user.type === "Bot" ? `https://github.com/apps/${user.login.replace("[bot]", "")}` : `https://github.com/${user.login}`;
  return { ...example, login: user.login, id: user.id, node_id: `U_${user.id}`, type: user.type, url, html_url: htmlUrl };
}

export function authenticatedUserJson(base: string, user: FakeUser): Json {
  const example = specExample<Json>("private-user-response-with-public-and-private-profile-information");
  return { ...example, ...userJson(base, user), name: user.login, email: null };
}

export function commentJson(base: string, repo: string, comment: FakeComment): Json {
  const example = specExample<Json>("issue-comment");
  return {
    ...example,
    id: comment.id,
    node_id: `IC_${comment.id}`,
    url: `${base}/repos/${repo}/issues/comments/${comment.id}`,
    html_url: `https://github.com/${repo}/pull/${comment.issue}#issuecomment-${comment.id}`,
    issue_url: `${base}/repos/${repo}/issues/${comment.issue}`,
    body: comment.body,
    user: userJson(base, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: comment.user.type === "Bot" ? "NONE" : "MEMBER",
  };
}

export function pullJson(base: string, repo: string, number: number, headSha: string): Json {
  const example = specExample<{ head: Json } & Json>("pull-request");
  return {
    ...example,
    number,
    url: `${base}/repos/${repo}/pulls/${number}`,
    html_url: `https://github.com/${repo}/pull/${number}`,
    head: { ...example.head, sha: headSha },
    // The example's team lacks a field its own schema requires.
    requested_teams: [],
  };
}

export function checkRunJson(base: string, repo: string, run: FakeCheckRun): Json {
  const example = specExample<{ output: Json } & Json>("check-run");
  return {
    ...example,
    id: run.id,
    node_id: `CR_${run.id}`,
    name: run.name,
    head_sha: run.headSha,
    status: run.status,
    conclusion: run.conclusion,
    url: `${base}/repos/${repo}/check-runs/${run.id}`,
    html_url: `https://github.com/${repo}/runs/${run.id}`,
    output: { ...example.output, ...run.output, annotations_count: run.annotations.length, annotations_url: `${base}/repos/${repo}/check-runs/${run.id}/annotations` },
  };
}

/** GitHub's error body: `{message, documentation_url, status}`. */
export function errorJson(status: number, message: string): Json {
  return { message, documentation_url: "https://docs.github.com/rest", status: String(status) };
}

export const SECONDARY_RATE_LIMIT_MESSAGE =
  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.";
