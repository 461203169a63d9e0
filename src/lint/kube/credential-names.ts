/** Words that name a credential wherever they appear: SECRET_BLAH, DB_PASSWORD, GITHUB_TOKEN. */
const CREDENTIAL_WORDS = new Set([
  "password", "passwords", "passwd", "passphrase", "secret", "secrets", "token", "tokens",
  "credential", "credentials", "apikey", "accesskey", "privatekey", "secretkey",
]);
/** Short or ambiguous words that name a credential only as the last word: DB_PASS, REDIS_AUTH, not PASS_THROUGH. */
const FINAL_WORDS = new Set(["pwd", "pass", "auth"]);
const CREDENTIAL_PAIRS = new Set(["api_key", "access_key", "private_key", "secret_key"]);

/**
 * Words that, after a credential word, make the name describe the credential rather than hold
 * it: TOKEN_TTL, PASSWORD_FILE, SECRET_NAME, AUTH_ENABLED, TOKEN_ENDPOINT.
 */
const QUALIFIERS = new Set([
  "ttl", "file", "files", "path", "dir", "directory", "name", "names", "length", "len", "url", "uri", "endpoint",
  "endpoints", "host", "hostname", "port", "type", "mode", "method", "enabled", "enable", "disabled", "disable",
  "required", "require", "expiry", "expires", "expiration", "timeout", "duration", "lifetime", "age", "interval",
  "period", "refresh", "header", "location", "ref", "version", "format", "algorithm", "alg", "size", "count", "min",
  "max", "limit", "policy", "provider", "store", "backend", "namespace", "user", "username", "email", "realm",
  "scope", "scopes", "audience", "issuer", "prefix", "suffix", "field", "region", "bucket", "retries",
]);

/** Splits DB_PASSWORD, db-password, dbPassword and db.password into lower-case words. */
export function nameWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/**
 * Where a variable name says it holds a credential: "final" when the last word is one
 * (MYSQL_ROOT_PASSWORD, AWS_SECRET_ACCESS_KEY), "inner" when an earlier one is and no qualifier
 * follows it (SECRET_BLAH), undefined otherwise (TOKEN_TTL, PASSWORD_FILE, PORT).
 */
export function credentialWordPosition(name: string): "final" | "inner" | undefined {
  const words = nameWords(name);
  const n = words.length;
  if (n === 0) return undefined;
  const isCredential = (i: number) => CREDENTIAL_WORDS.has(words[i]) || (i > 0 && CREDENTIAL_PAIRS.has(`${words[i - 1]}_${words[i]}`));
  if (isCredential(n - 1) || FINAL_WORDS.has(words[n - 1])) return "final";
  for (let i = n - 2; i >= 0; i--) {
    if (QUALIFIERS.has(words[i + 1])) return undefined;
    if (isCredential(i)) return "inner";
  }
  return undefined;
}
