// OIDC issuers' signing keys over HTTP(S): the discovery document
// (`<issuer>/.well-known/openid-configuration`) names the `jwks_uri`, whose key set is cached per
// issuer for a while. A token naming a key the cached set lacks makes it fetch again — a key
// rotation at the issuer is picked up — but at most once per cool-down, so tokens with made-up
// key ids cannot make the server hammer an issuer. Every request has a timeout and a size cap,
// redirects are not followed, and concurrent fetches for one issuer share one request.

import type { JSONWebKeySet, JWK } from "jose";
import { type OidcKeySource, OidcKeySourceError } from "../../operations/sts/OidcKeySource.ts";

export interface HttpOidcKeySourceOptions {
  /** Accept `http://` jwks_uri on loopback hosts, as for the issuers themselves. */
  readonly allowHttpLoopback: boolean;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  /** How long a fetched key set is used without asking again. */
  readonly ttlMs?: number;
  /** The least time between two fetches for one issuer (an unknown `kid`, a failure). */
  readonly cooldownMs?: number;
  readonly clock?: () => number;
}

/** AWS accepts at most 100 RSA and 100 EC keys in a provider's key set. */
const MAX_KEYS_PER_TYPE = 100;
const MAX_ISSUERS = 1000;
// Members of a private key: never kept, even if an issuer publishes one by mistake.
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

interface Cached {
  keys: JSONWebKeySet;
  fetchedAt: number;
}

function isLoopbackUrl(url: URL): boolean {
  return url.hostname === "localhost" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname);
}

export class HttpOidcKeySource implements OidcKeySource {
  private readonly cache = new Map<string, Cached>();
  private readonly lastAttempt = new Map<string, number>();
  private readonly lastFailure = new Map<string, OidcKeySourceError>();
  private readonly inflight = new Map<string, Promise<JSONWebKeySet>>();
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly ttlMs: number;
  private readonly cooldownMs: number;
  private readonly clock: () => number;

  constructor(private readonly options: HttpOidcKeySourceOptions) {
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.maxBytes = options.maxBytes ?? 256 * 1024;
    this.ttlMs = options.ttlMs ?? 15 * 60_000;
    this.cooldownMs = options.cooldownMs ?? 10_000;
    this.clock = options.clock ?? Date.now;
  }

  async signingKeys(issuer: string, { kid }: { kid?: string }): Promise<JSONWebKeySet> {
    const now = this.clock();
    const cached = this.cache.get(issuer);
    const fresh = cached !== undefined && now - cached.fetchedAt < this.ttlMs;
    if (fresh && (kid === undefined || cached.keys.keys.some((k) => k.kid === kid))) return cached.keys;
    const coolingDown = now - (this.lastAttempt.get(issuer) ?? Number.NEGATIVE_INFINITY) < this.cooldownMs;
    if (coolingDown) {
      if (cached) return cached.keys;
      const failure = this.lastFailure.get(issuer);
      if (failure) throw failure;
    }
    let pending = this.inflight.get(issuer);
    if (!pending) {
      pending = this.fetchKeys(issuer).finally(() => this.inflight.delete(issuer));
      this.inflight.set(issuer, pending);
    }
    return pending;
  }

  private async fetchKeys(issuer: string): Promise<JSONWebKeySet> {
    this.lastAttempt.set(issuer, this.clock());
    try {
      const discovery = await this.fetchJson(`${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`);
      const jwksUri = (discovery as { jwks_uri?: unknown }).jwks_uri;
      if (typeof jwksUri !== "string")
        throw new OidcKeySourceError("invalid", "no jwks_uri in the discovery document");
      const keys = usableKeys(await this.fetchJson(this.checkedUrl(jwksUri).href));
      if (this.cache.size >= MAX_ISSUERS && !this.cache.has(issuer)) {
        const oldest = this.cache.keys().next().value;
        if (oldest !== undefined) this.cache.delete(oldest);
      }
      this.cache.set(issuer, { keys, fetchedAt: this.clock() });
      this.lastFailure.delete(issuer);
      return keys;
    } catch (err) {
      const failure =
        err instanceof OidcKeySourceError
          ? err
          : new OidcKeySourceError("unreachable", (err as Error).message);
      this.lastFailure.set(issuer, failure);
      // A key set fetched before keeps serving while the issuer is away.
      const cached = this.cache.get(issuer);
      if (cached) return cached.keys;
      throw failure;
    }
  }

  private checkedUrl(text: string): URL {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new OidcKeySourceError("invalid", "jwks_uri is not a URL");
    }
    const plainAllowed = this.options.allowHttpLoopback && isLoopbackUrl(url);
    if (url.protocol !== "https:" && !(url.protocol === "http:" && plainAllowed))
      throw new OidcKeySourceError("invalid", "jwks_uri must be https");
    if (url.username || url.password)
      throw new OidcKeySourceError("invalid", "jwks_uri has user information");
    return url;
  }

  /** GET → JSON, within the timeout and the size cap. */
  private async fetchJson(url: string): Promise<unknown> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    try {
      response = await fetch(url, { signal, redirect: "manual", headers: { accept: "application/json" } });
    } catch (err) {
      throw new OidcKeySourceError("unreachable", (err as Error).message);
    }
    if (response.status >= 500) {
      await response.body?.cancel();
      throw new OidcKeySourceError("unreachable", `HTTP ${response.status}`);
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new OidcKeySourceError("invalid", `HTTP ${response.status}`);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      const reader = response.body?.getReader();
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) break;
        size += chunk.value.byteLength;
        if (size > this.maxBytes) {
          await reader?.cancel();
          throw new OidcKeySourceError("invalid", `response larger than ${this.maxBytes} bytes`);
        }
        chunks.push(chunk.value);
      }
    } catch (err) {
      if (err instanceof OidcKeySourceError) throw err;
      throw new OidcKeySourceError("unreachable", (err as Error).message);
    }
    try {
      return JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      throw new OidcKeySourceError("invalid", "response is not JSON");
    }
  }
}

/** The signing keys of a fetched JWKS: RSA and EC public keys not marked for encryption. */
function usableKeys(document: unknown): JSONWebKeySet {
  const raw = (document as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(raw)) throw new OidcKeySourceError("invalid", "the JWKS has no keys array");
  const counts = { RSA: 0, EC: 0 };
  const keys: JWK[] = [];
  for (const entry of raw) {
    if (typeof entry !== "object" || entry === null) continue;
    const key = entry as JWK;
    const kty: "RSA" | "EC" | undefined = key.kty === "RSA" ? "RSA" : key.kty === "EC" ? "EC" : undefined;
    if (kty === undefined || (key.use !== undefined && key.use !== "sig")) continue;
    if (counts[kty] >= MAX_KEYS_PER_TYPE) continue;
    counts[kty] += 1;
    const pub: Record<string, unknown> = { ...key };
    for (const member of PRIVATE_MEMBERS) delete pub[member];
    keys.push(pub as JWK);
  }
  if (keys.length === 0) throw new OidcKeySourceError("invalid", "the JWKS has no usable signing key");
  return { keys };
}
