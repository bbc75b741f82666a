// The federation settings of `serve`: `--allow-http-oidc-issuers` (or
// PORTCULLIS_ALLOW_HTTP_OIDC_ISSUERS=1) turns on loopback http issuers, off by default; and
// `--saml-audience` adds the operator's own sign-in URLs to the SAML audiences AWS accepts.

import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError, resolveServerConfig } from "../../src/server/ServerConfig.ts";

test("http OIDC issuers are off unless the flag or the environment turns them on", () => {
  assert.equal(resolveServerConfig({}, {}).allowHttpOidcIssuers, undefined);
  assert.equal(resolveServerConfig({ allowHttpOidcIssuers: true }, {}).allowHttpOidcIssuers, true);
  assert.equal(
    resolveServerConfig({}, { PORTCULLIS_ALLOW_HTTP_OIDC_ISSUERS: "1" }).allowHttpOidcIssuers,
    true,
  );
  // Only "1" turns it on: a stray value does not open http issuers.
  assert.equal(
    resolveServerConfig({}, { PORTCULLIS_ALLOW_HTTP_OIDC_ISSUERS: "no" }).allowHttpOidcIssuers,
    undefined,
  );
});

test("--saml-audience takes URLs and URNs only", () => {
  assert.deepEqual(
    resolveServerConfig({ samlAudience: "https://sso.corp.example/saml,urn:corp:aws" }, {}).samlAudiences,
    ["https://sso.corp.example/saml", "urn:corp:aws"],
  );
  assert.throws(() => resolveServerConfig({ samlAudience: "not a url" }, {}), ConfigError);
});
