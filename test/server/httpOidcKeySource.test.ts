// HttpOidcKeySource against real loopback servers that misbehave: a silent one (the timeout), a
// huge answer (the size cap), a redirect (not followed), a 5xx (unreachable) and a JWKS that
// mixes private members and HMAC keys in (dropped), plus the cache and its cool-down.

import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, test } from "node:test";
import { OidcKeySourceError } from "../../src/operations/sts/OidcKeySource.ts";
import { HttpOidcKeySource } from "../../src/server/federation/HttpOidcKeySource.ts";

const servers: http.Server[] = [];
after(() => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});

async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const RSA_KEY = { kty: "RSA", kid: "k1", n: "sXch", e: "AQAB", d: "secret-member" };

async function failure(promise: Promise<unknown>): Promise<OidcKeySourceError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof OidcKeySourceError, String(err));
    return err;
  }
  assert.fail("expected a failure");
}

test("a silent issuer times out as unreachable; a 5xx is unreachable; a redirect or a huge answer is invalid", async () => {
  const silent = await serve(() => {});
  const source = new HttpOidcKeySource({ allowHttpLoopback: true, timeoutMs: 300, maxBytes: 1024 });
  const started = Date.now();
  assert.equal((await failure(source.signingKeys(silent, {}))).kind, "unreachable");
  assert.ok(Date.now() - started < 3000);

  const broken = await serve((_req, res) => {
    res.statusCode = 503;
    res.end();
  });
  assert.equal((await failure(source.signingKeys(broken, {}))).kind, "unreachable");

  const redirecting = await serve((_req, res) => {
    res.statusCode = 302;
    res.setHeader("location", "http://169.254.169.254/latest/meta-data/");
    res.end();
  });
  assert.equal((await failure(source.signingKeys(redirecting, {}))).kind, "invalid");

  const huge = await serve((_req, res) => res.end(`{"jwks_uri":"${"x".repeat(5000)}"}`));
  assert.equal((await failure(source.signingKeys(huge, {}))).kind, "invalid");
});

test("only RSA and EC signing keys are kept, without private members; https jwks_uri unless loopback http is allowed", async () => {
  let fetches = 0;
  const issuer = await serve((req, res) => {
    if (req.url === "/.well-known/openid-configuration")
      res.end(JSON.stringify({ jwks_uri: `${issuerUrl}/jwks` }));
    else {
      fetches += 1;
      res.end(
        JSON.stringify({
          keys: [RSA_KEY, { kty: "oct", k: "c2VjcmV0" }, { ...RSA_KEY, kid: "enc", use: "enc" }],
        }),
      );
    }
  });
  const issuerUrl = issuer;
  let now = 0;
  const source = new HttpOidcKeySource({
    allowHttpLoopback: true,
    cooldownMs: 1000,
    ttlMs: 60_000,
    clock: () => now,
  });
  const keys = await source.signingKeys(issuer, { kid: "k1" });
  assert.deepEqual(keys.keys, [{ kty: "RSA", kid: "k1", n: "sXch", e: "AQAB" }]);
  // Cached; an unknown kid within the cool-down asks nothing more.
  await source.signingKeys(issuer, { kid: "k1" });
  await source.signingKeys(issuer, { kid: "unknown" });
  assert.equal(fetches, 1);
  now = 2000;
  await source.signingKeys(issuer, { kid: "unknown" });
  assert.equal(fetches, 2);

  const strict = new HttpOidcKeySource({ allowHttpLoopback: false });
  assert.equal((await failure(strict.signingKeys(issuer, {}))).kind, "invalid");
});
