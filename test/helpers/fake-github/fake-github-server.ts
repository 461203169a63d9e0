import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { errorJson, SECONDARY_RATE_LIMIT_MESSAGE, type FakeCheckRun, type FakeComment, type FakeUser } from "./github-shapes.js";
import { HANDLERS, type Reply } from "./fake-github-routes.js";
import { checkResponse, matchOperation } from "./openapi-spec.js";

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/repos/acme/gitops/issues/7/comments?per_page=100`. */
  path: string;
  operationId?: string;
  body: unknown;
  status: number;
  /** performance.now() when the request arrived. */
  at: number;
  /** Every header as received, to check that nothing leaks where it should not. */
  headers: IncomingMessage["headers"];
}

export interface Fault {
  status: 200 | 201 | 301 | 302 | 307 | 308 | 403 | 404 | 422 | 429 | 500;
  /** Seconds (or an HTTP date): makes a 403 or 429 GitHub's secondary rate limit, with this `retry-after`. */
  retryAfter?: number | string;
  /** Seconds from now: makes a 403 the primary rate limit used up, resetting then (`x-ratelimit-reset`). */
  resetIn?: number;
  /** Where a 3xx points (`location`). */
  location?: string;
  /** The body to answer with instead of GitHub's (a 200 or 201 of the wrong shape); not checked against the schema. */
  body?: unknown;
  times: number;
}

export interface TokenInfo {
  user: FakeUser;
  /** App installation tokens (the Actions GITHUB_TOKEN) cannot read GET /user. */
  installation: boolean;
  /** Read-only tokens (fork pull requests) get 403 on every write. */
  readOnly: boolean;
}

/**
 * A stand-in for api.github.com on 127.0.0.1: in-memory users, pull requests, comments and check
 * runs. Every request is checked against GitHub's OpenAPI description (route, parameters, body)
 * and every response against its schema; anything off lands in `failures`, which a test asserts
 * empty. Faults can be scripted per operation (403 secondary rate limit, 404, 422).
 */
export class FakeGithub {
  url = "";
  readonly requests: RecordedRequest[] = [];
  readonly failures: string[] = [];
  readonly tokens = new Map<string, TokenInfo>();
  readonly pulls = new Map<number, string>();
  readonly comments: FakeComment[] = [];
  readonly checkRuns = new Map<number, FakeCheckRun>();
  private readonly faults = new Map<string, Fault[]>();
  private readonly gates = new Map<string, { count: number; arrived: number; release: Array<() => void> }>();
  private nextId = 1000;
  private server: Server | undefined;

  constructor(
    readonly owner = "acme",
    readonly repo = "gitops",
  ) {}

  static async start(owner?: string, repo?: string): Promise<FakeGithub> {
    const github = new FakeGithub(owner, repo);
    github.server = createServer((req, res) => void github.handle(req, res));
    await new Promise<void>((done) => github.server!.listen(0, "127.0.0.1", done));
    github.url = `http://127.0.0.1:${(github.server.address() as AddressInfo).port}`;
    return github;
  }

  async close(): Promise<void> {
    for (const gate of this.gates.values()) gate.release.forEach((go) => go());
    await new Promise<void>((done) => this.server?.close(() => done()));
  }

  id(): number {
    return this.nextId++;
  }

  addToken(token: string, login: string, options: { installation?: boolean; readOnly?: boolean } = {}): FakeUser {
    const user: FakeUser = { login, id: this.id(), type: login.endsWith("[bot]") ? "Bot" : "User" };
    this.tokens.set(token, { user, installation: options.installation ?? false, readOnly: options.readOnly ?? false });
    return user;
  }

  addPull(number: number, headSha = "6dcb09b5b57875f334f61aebed695e2e4193db5e"): void {
    this.pulls.set(number, headSha);
  }

  addComment(issue: number, login: string, body: string): FakeComment {
    const now = new Date().toISOString();
    const user: FakeUser = { login, id: this.id(), type: login.endsWith("[bot]") ? "Bot" : "User" };
    const comment = { id: this.id(), issue, body, user, createdAt: now, updatedAt: now };
    this.comments.push(comment);
    return comment;
  }

  commentsOn(issue: number): FakeComment[] {
    return this.comments.filter((c) => c.issue === issue);
  }

  /** The next `times` requests to the operation (e.g. `issues/create-comment`) fail. */
  fail(operationId: string, fault: Omit<Fault, "times"> & { times?: number }): void {
    this.faults.set(operationId, [...(this.faults.get(operationId) ?? []), { times: 1, ...fault }]);
  }

  /** Holds the first `count` requests to the operation until all of them have arrived: forces a race. */
  gate(operationId: string, count: number): void {
    this.gates.set(operationId, { count, arrived: 0, release: [] });
  }

  requestsTo(operationId: string): RecordedRequest[] {
    return this.requests.filter((r) => r.operationId === operationId);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now();
    const url = new URL(req.url ?? "/", this.url);
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      this.failures.push(`${req.method} ${url.pathname}: body is not JSON`);
    }
    const match = matchOperation(req.method ?? "GET", url, body, raw.length > 0);
    const record: RecordedRequest = { method: req.method ?? "", path: url.pathname + url.search, operationId: match?.operationId, body, status: 0, at, headers: req.headers };
    this.requests.push(record);
    const { reply, faulted } = await this.reply(req, url, body, match);
    record.status = reply.status;
    if (match && !faulted && reply.status < 300) {
      for (const problem of checkResponse(req.method ?? "GET", match.template, reply.status, reply.body)) this.failures.push(`${match.operationId}: fake response does not fit GitHub's schema: ${problem}`);
    }
    const payload = reply.body === undefined ? "" : JSON.stringify(reply.body);
    res.writeHead(reply.status, { ...(payload ? { "content-type": "application/json; charset=utf-8" } : {}), ...reply.headers });
    res.end(payload);
  }

  private async reply(req: IncomingMessage, url: URL, body: unknown, match: ReturnType<typeof matchOperation>): Promise<{ reply: Reply; faulted: boolean }> {
    const fault = match && match.problems.length === 0 && this.tokenOf(req) ? await this.faultFor(match.operationId) : undefined;
    if (fault) return { reply: faultReply(fault), faulted: true };
    return { reply: await this.handlerReply(req, url, body, match), faulted: false };
  }

  private tokenOf(req: IncomingMessage): TokenInfo | undefined {
    const token = /^(?:token|bearer) (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
    return token ? this.tokens.get(token) : undefined;
  }

  private async faultFor(operationId: string): Promise<Fault | undefined> {
    await this.passGate(operationId);
    return this.takeFault(operationId);
  }

  private async handlerReply(req: IncomingMessage, url: URL, body: unknown, match: ReturnType<typeof matchOperation>): Promise<Reply> {
    if (!match) {
      this.failures.push(`${req.method} ${url.pathname}: no such route in GitHub's API`);
      return { status: 404, body: errorJson(404, "Not Found") };
    }
    if (match.problems.length > 0) {
      this.failures.push(...match.problems.map((p) => `${match.operationId}: ${p}`));
      return { status: 422, body: { ...errorJson(422, "Invalid request."), errors: match.problems } };
    }
    const auth = this.tokenOf(req);
    if (!auth) return { status: 401, body: errorJson(401, "Bad credentials") };
    const handler = HANDLERS[match.operationId];
    if (!handler) {
      this.failures.push(`${match.operationId}: not implemented by the fake server`);
      return { status: 501, body: errorJson(501, "Not implemented by the fake") };
    }
    const { owner, repo } = match.pathParams;
    if (owner !== undefined && (owner !== this.owner || repo !== this.repo)) return { status: 404, body: errorJson(404, "Not Found") };
    return handler({ github: this, auth, params: match.pathParams, query: url.searchParams, body, base: this.url });
  }

  private takeFault(operationId: string): Fault | undefined {
    const queue = this.faults.get(operationId) ?? [];
    const fault = queue[0];
    if (!fault) return undefined;
    if (--fault.times === 0) queue.shift();
    return fault;
  }

  private passGate(operationId: string): Promise<void> {
    const gate = this.gates.get(operationId);
    if (!gate || gate.arrived >= gate.count) return Promise.resolve();
    gate.arrived++;
    return new Promise((go) => {
      gate.release.push(go);
      if (gate.arrived === gate.count) gate.release.forEach((release) => release());
    });
  }
}

function faultReply(fault: Fault): Reply {
  if (fault.body !== undefined) return { status: fault.status, body: fault.body };
  if (fault.status >= 300 && fault.status < 400) return { status: fault.status, headers: fault.location ? { location: fault.location } : {} };
  if ((fault.status === 403 || fault.status === 429) && fault.retryAfter !== undefined) {
    return { status: fault.status, body: errorJson(fault.status, SECONDARY_RATE_LIMIT_MESSAGE), headers: { "retry-after": String(fault.retryAfter) } };
  }
  if (fault.status === 403 && fault.resetIn !== undefined) {
    const reset = String(Math.ceil(Date.now() / 1000 + fault.resetIn));
    const headers = { "x-ratelimit-limit": "1000", "x-ratelimit-remaining": "0", "x-ratelimit-used": "1000", "x-ratelimit-reset": reset };
    return { status: 403, body: errorJson(403, "API rate limit exceeded for installation ID 1234."), headers };
  }
  const messages: Record<number, string> = { 200: "", 201: "", 403: "Resource not accessible by integration", 404: "Not Found", 422: "Validation Failed", 429: "Too Many Requests", 500: "Server Error" };
  return { status: fault.status, body: errorJson(fault.status, messages[fault.status]) };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
