/**
 * Property tests (fast-check) for the web identity token path — verifyWebIdentityToken, then
 * webIdentityClaims, as AssumeRoleWithWebIdentity runs them — against a real loopback issuer and
 * a real store: random strings, garbled valid tokens, JWTs with hostile headers and payloads, and
 * validly signed tokens with random claims (session tags, source identity, times, audiences) end
 * in success or one of AWS's documented errors, never another exception, and never hang.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import fc from "fast-check";
import { AwsError } from "../../src/domain/errors/AwsError.ts";
import { oidcProviderArn } from "../../src/domain/OidcProvider.ts";
import type { OidcFederation } from "../../src/operations/sts/OidcKeySource.ts";
import { verifyWebIdentityToken } from "../../src/operations/sts/verifyWebIdentityToken.ts";
import { webIdentityClaims } from "../../src/operations/sts/webIdentityClaims.ts";
import { HttpOidcKeySource } from "../../src/server/federation/HttpOidcKeySource.ts";
import type { Store } from "../../src/store/ports.ts";
import { openSqliteStore } from "../../src/store/sqlite/openSqliteStore.ts";
import { startTestIssuer, type TestIssuer } from "../support/oidcIssuer.ts";

const ACCOUNT = "111122223333";
const DOCUMENTED = new Set([
  "InvalidIdentityToken",
  "ExpiredTokenException",
  "IDPRejectedClaim",
  "IDPCommunicationError",
]);

let issuer: TestIssuer;
let store: Store;
let oidc: OidcFederation;
let valid: string;

before(async () => {
  issuer = await startTestIssuer();
  store = await openSqliteStore(
    path.join(fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-wit-")), "s.sqlite"),
  );
  await store.accounts.create({ accountId: ACCOUNT, createDate: new Date() });
  await store.oidcProviders.create(
    {
      accountId: ACCOUNT,
      arn: oidcProviderArn(ACCOUNT, issuer.host),
      issuer: issuer.url,
      clientIds: ["sts.amazonaws.com"],
      thumbprints: [],
      createDate: new Date(),
    },
    100,
  );
  oidc = {
    keys: new HttpOidcKeySource({ allowHttpLoopback: true, cooldownMs: 50 }),
    allowHttpLoopbackIssuers: true,
  };
  valid = await issuer.sign();
});

after(async () => {
  await store?.close();
  await issuer?.stop();
});

/** The token path; true when accepted, false for a documented refusal; throws on anything else. */
async function tokenPath(token: string): Promise<boolean> {
  const run = (async () => {
    try {
      const { provider, payload } = await verifyWebIdentityToken(token, {
        store,
        now: new Date(),
        accountId: ACCOUNT,
        oidc,
      });
      webIdentityClaims(payload, provider);
      return true;
    } catch (err) {
      if (err instanceof AwsError && DOCUMENTED.has(err.code)) return false;
      throw err;
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in 6 s for ${token.slice(0, 80)}`)), 6_000);
  });
  try {
    return await Promise.race([run, hang]);
  } finally {
    clearTimeout(timer);
  }
}

const b64 = (value: unknown) =>
  Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ";

test("the valid token passes, so the properties below are not vacuous", async () => {
  assert.equal(await tokenPath(valid), true);
});

test("any string: accepted or a documented error", async () => {
  await fc.assert(
    fc.asyncProperty(fc.string({ maxLength: 300 }), async (s) => {
      await tokenPath(s);
    }),
    { numRuns: 200 },
  );
});

test("a valid token garbled (characters replaced, inserted, removed): never accepted unless unchanged", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          at: fc.nat(),
          op: fc.constantFrom("replace", "insert", "delete"),
          ch: fc.constantFrom(...B64URL.split("")),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      async (edits) => {
        let t = valid;
        for (const e of edits) {
          const i = e.at % (t.length + 1);
          t =
            e.op === "insert"
              ? t.slice(0, i) + e.ch + t.slice(i)
              : e.op === "delete"
                ? t.slice(0, i) + t.slice(i + 1)
                : t.slice(0, i) + e.ch + t.slice(i + 1);
        }
        const accepted = await tokenPath(t);
        // Base64url's last character can carry unused bits; only a token that decodes to the same
        // bytes may still verify.
        if (accepted) {
          const [h, p, s] = t.split(".");
          const [vh, vp, vs] = valid.split(".");
          assert.ok(
            Buffer.from(h ?? "", "base64url").equals(Buffer.from(vh ?? "", "base64url")) &&
              Buffer.from(p ?? "", "base64url").equals(Buffer.from(vp ?? "", "base64url")) &&
              Buffer.from(s ?? "", "base64url").equals(Buffer.from(vs ?? "", "base64url")),
            `a garbled token was accepted: ${t}`,
          );
        }
      },
    ),
    { numRuns: 200 },
  );
});

test("hostile headers and payloads with any signature: never accepted", async () => {
  const header = fc.oneof(
    fc.jsonValue(),
    fc.record({
      alg: fc.oneof(
        fc.constantFrom("none", "None", "HS256", "RS256", "ES256", "PS256", "EdDSA", ""),
        fc.string(),
      ),
      kid: fc.oneof(fc.constant(issuer.kid), fc.string()),
      typ: fc.constant("JWT"),
      crit: fc.option(fc.array(fc.string()), { nil: undefined }),
      jwk: fc.option(fc.constant(issuer.publicJwk), { nil: undefined }),
    }),
  );
  const payload = fc.oneof(
    fc.jsonValue(),
    fc.record({
      iss: fc.oneof(fc.constant(issuer.url), fc.string()),
      aud: fc.jsonValue(),
      sub: fc.jsonValue(),
      exp: fc.jsonValue(),
    }),
  );
  await fc.assert(
    fc.asyncProperty(
      header,
      payload,
      fc.oneof(fc.constant(""), fc.string(), fc.constant(valid.split(".")[2] ?? "")),
      async (h, p, s) => {
        assert.equal(await tokenPath(`${b64(h)}.${b64(p)}.${s}`), false);
      },
    ),
    { numRuns: 200 },
  );
});

test("validly signed tokens with random claims: accepted or a documented error", async () => {
  const now = Math.floor(Date.now() / 1000);
  const claims = fc.record(
    {
      aud: fc.oneof(
        fc.constant("sts.amazonaws.com"),
        fc.array(fc.constantFrom("sts.amazonaws.com", "x")),
        fc.jsonValue(),
      ),
      azp: fc.oneof(fc.constant("sts.amazonaws.com"), fc.string()),
      sub: fc.oneof(fc.string(), fc.jsonValue()),
      exp: fc.oneof(fc.integer({ min: now - 3600, max: now + 3600 }), fc.jsonValue()),
      nbf: fc.oneof(fc.integer({ min: now - 3600, max: now + 3600 }), fc.jsonValue()),
      iat: fc.oneof(fc.integer({ min: now - 3600, max: now + 3600 }), fc.jsonValue()),
      amr: fc.jsonValue(),
      "https://aws.amazon.com/tags": fc.oneof(
        fc.jsonValue(),
        fc.record({
          principal_tags: fc.oneof(
            fc.dictionary(fc.string(), fc.oneof(fc.array(fc.string()), fc.string(), fc.jsonValue())),
            fc.jsonValue(),
          ),
          transitive_tag_keys: fc.oneof(fc.array(fc.string()), fc.jsonValue()),
        }),
      ),
      "https://aws.amazon.com/source_identity": fc.oneof(fc.string(), fc.jsonValue()),
    },
    { requiredKeys: [] },
  );
  await fc.assert(
    fc.asyncProperty(claims, async (c) => {
      await tokenPath(await issuer.sign(c as Record<string, unknown>));
    }),
    { numRuns: 200 },
  );
});
