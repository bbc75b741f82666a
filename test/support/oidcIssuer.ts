// A real OIDC issuer on loopback for tests: its own key pair, a discovery document and a JWKS
// endpoint served by node:http, and tokens signed with `jose`. It can rotate its key (a new
// `kid`), go down, and count how often its keys were fetched.

import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from "jose";

type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];

export interface TestIssuer {
  /** `http://127.0.0.1:PORT`: the `iss` of its tokens. */
  readonly url: string;
  /** `127.0.0.1:PORT`: the condition-key prefix and ARN resource. */
  readonly host: string;
  /** The current key's id. */
  readonly kid: string;
  readonly publicJwk: JWK;
  /** How many times the JWKS was served. */
  readonly jwksFetches: number;
  /** A token signed with the current key; claims default to a valid, fresh token for `sts.amazonaws.com`. */
  sign(claims?: JWTPayload, options?: { kid?: string; key?: SigningKey; alg?: string }): Promise<string>;
  /** A new key pair and kid; the JWKS then publishes only the new key. */
  rotate(): Promise<void>;
  stop(): Promise<void>;
}

async function newKey(n: number): Promise<{ kid: string; privateKey: SigningKey; jwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = `key-${n}-${Math.random().toString(36).slice(2, 8)}`;
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" } };
}

export async function startTestIssuer(): Promise<TestIssuer> {
  let generation = 0;
  let current = await newKey(generation);
  let jwksFetches = 0;
  let url = "";
  const server = http.createServer((req, res) => {
    if (req.url === "/.well-known/openid-configuration") {
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          issuer: url,
          jwks_uri: `${url}/jwks`,
          id_token_signing_alg_values_supported: ["RS256"],
        }),
      );
      return;
    }
    if (req.url === "/jwks") {
      jwksFetches += 1;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ keys: [current.jwk] }));
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}`;
  return {
    url,
    host: `127.0.0.1:${port}`,
    get kid() {
      return current.kid;
    },
    get publicJwk() {
      return current.jwk;
    },
    get jwksFetches() {
      return jwksFetches;
    },
    async sign(claims = {}, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({
        iss: url,
        aud: "sts.amazonaws.com",
        sub: "repo:acme/app:ref:refs/heads/main",
        iat: now,
        exp: now + 600,
        ...claims,
      })
        .setProtectedHeader({ alg: options.alg ?? "RS256", kid: options.kid ?? current.kid, typ: "JWT" })
        .sign(options.key ?? current.privateKey);
    },
    async rotate() {
      generation += 1;
      current = await newKey(generation);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
