import type { Environment } from "@marcbachmann/cel-js";

/** A URL as Kubernetes' url library parses it (Go's url.ParseRequestURI: absolute URL or absolute path). */
export class KubeUrl {
  constructor(
    readonly scheme: string,
    readonly host: string,
    readonly path: string,
    readonly query: string,
  ) {}
}

/** Parses like url.ParseRequestURI: an absolute URL with a scheme, or a path starting with "/"; no fragment. */
export function parseUrl(text: string): KubeUrl | undefined {
  if (text.length > 8192 || /[\s\u0000-\u001f]/.test(text)) return undefined;
  const withoutFragment = text.split("#")[0];
  if (withoutFragment.startsWith("/")) {
    const [path, query = ""] = splitOnce(withoutFragment, "?");
    return new KubeUrl("", "", path, query);
  }
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(withoutFragment);
  if (!scheme) return undefined;
  const rest = withoutFragment.slice(scheme[0].length);
  const [beforeQuery, query = ""] = splitOnce(rest, "?");
  if (!beforeQuery.startsWith("//")) return beforeQuery.startsWith("/") || beforeQuery === "" ? new KubeUrl(scheme[1], "", beforeQuery, query) : undefined;
  const authorityEnd = beforeQuery.indexOf("/", 2);
  const authority = authorityEnd < 0 ? beforeQuery.slice(2) : beforeQuery.slice(2, authorityEnd);
  const host = authority.includes("@") ? authority.slice(authority.lastIndexOf("@") + 1) : authority;
  if (!/^(\[[0-9a-fA-F:.]+\]|[^\s:[\]]*)(:\d*)?$/.test(host)) return undefined;
  return new KubeUrl(scheme[1], host, authorityEnd < 0 ? "" : beforeQuery.slice(authorityEnd), query);
}

function splitOnce(text: string, separator: string): [string, string?] {
  const at = text.indexOf(separator);
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)];
}

function hostname(url: KubeUrl): string {
  const host = url.host.replace(/:\d*$/, "");
  return host.startsWith("[") ? host.slice(1, -1) : host;
}

function query(url: KubeUrl): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of new URLSearchParams(url.query)) (out[key] ??= []).push(value);
  return out;
}

const url = (text: string): KubeUrl => {
  const parsed = parseUrl(text);
  if (!parsed) throw new Error(`URL parse error during conversion from string: ${JSON.stringify(text)}`);
  return parsed;
};

/** Kubernetes' url library. */
export function registerUrlLibrary(env: Environment): void {
  env.registerType("kubernetes.URL", KubeUrl);
  env.registerFunction("url(string): kubernetes.URL", url);
  env.registerFunction("isURL(string): bool", (text: string) => parseUrl(text) !== undefined);
  env.registerFunction("kubernetes.URL.getScheme(): string", (u: KubeUrl) => u.scheme);
  env.registerFunction("kubernetes.URL.getHost(): string", (u: KubeUrl) => u.host);
  env.registerFunction("kubernetes.URL.getHostname(): string", hostname);
  env.registerFunction("kubernetes.URL.getPort(): string", (u: KubeUrl) => /:(\d*)$/.exec(u.host.replace(/^\[[^\]]*\]/, ""))?.[1] ?? "");
  env.registerFunction("kubernetes.URL.getEscapedPath(): string", (u: KubeUrl) => u.path);
  env.registerFunction("kubernetes.URL.getQuery(): map<string, list<string>>", query);
}
