// Session tokens: round trip, compactness, and InvalidClientTokenId for anything not sealed by us as a token.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InvalidClientTokenId } from "../../domain/errors/authErrors.ts";
import { Sealer } from "../sealing/Sealer.ts";
import { decodeSessionToken, encodeSessionToken, isExpired, type SessionClaims } from "./SessionToken.ts";

const sealer = new Sealer(Buffer.alloc(32, 1));

const USER_SESSION: SessionClaims = {
  accessKeyId: "ASIAQWERTYUIOPASDFGH",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  accountId: "123456789012",
  principalType: "user",
  principalArn: "arn:aws:iam::123456789012:user/alice",
  principalId: "AIDAQWERTYUIOPASDFGHJ",
  userName: "alice",
  issuedAt: 1_700_000_000,
  expiresAt: 1_700_043_200,
  mfaAuthenticatedAt: 1_700_000_000,
  mfaSerialNumber: "arn:aws:iam::123456789012:mfa/alice-phone",
  sourceAccessKeyId: "AKIAQWERTYUIOPASDFGH",
};

const ROLE_SESSION: SessionClaims = {
  accessKeyId: "ASIAZXCVBNMQWERTYUIO",
  secretAccessKey: "abcdEFGHijklMNOPqrstUVWXyz0123456789+/AB",
  accountId: "123456789012",
  principalType: "assumed-role",
  principalArn: "arn:aws:sts::123456789012:assumed-role/deploy/ci-run-42",
  principalId: "AROAQWERTYUIOPASDFGHJ:ci-run-42",
  roleName: "deploy",
  roleArn: "arn:aws:iam::123456789012:role/deploy",
  roleSessionName: "ci-run-42",
  sourceIdentity: "bob",
  issuedAt: 1_700_000_000,
  expiresAt: 1_700_003_600,
  sessionPolicy: JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
  }),
  tags: { team: "payments", "cost-center": "42" },
  transitiveTagKeys: ["team"],
};

function assertInvalid(token: string, withSealer = sealer): void {
  assert.throws(
    () => decodeSessionToken(token, withSealer),
    (err: unknown) =>
      err instanceof InvalidClientTokenId &&
      err.message === "The security token included in the request is invalid.",
  );
}

describe("session tokens", () => {
  it("round-trip a user session with MFA and a role session with policy and tags", () => {
    for (const claims of [USER_SESSION, ROLE_SESSION]) {
      const token = encodeSessionToken(claims, sealer);
      assert.match(token, /^[A-Za-z0-9+/]+={0,2}$/);
      assert.deepEqual(decodeSessionToken(token, sealer), claims);
    }
  });

  it("stay compact and opaque", () => {
    const token = encodeSessionToken(USER_SESSION, sealer);
    assert.ok(token.length < 500, `user session token is ${token.length} characters`);
    assert.ok(!token.includes("alice") && !Buffer.from(token, "base64").toString("latin1").includes("alice"));
  });

  it("tampered, truncated, garbage, another key, another context: InvalidClientTokenId", () => {
    const token = encodeSessionToken(USER_SESSION, sealer);
    const bytes = Buffer.from(token, "base64");
    bytes[40] = (bytes[40] as number) ^ 1;
    assertInvalid(bytes.toString("base64"));
    assertInvalid(token.slice(0, -8));
    assertInvalid("");
    assertInvalid("not base64 at all!");
    assertInvalid("A".repeat(20_000));
    assertInvalid(token, new Sealer(Buffer.alloc(32, 2)));
    assertInvalid(sealer.sealBytes(JSON.stringify({ k: "ASIA" }), "mfa-seed").toString("base64"));
  });

  it("a well-sealed token with missing or mistyped fields is refused", () => {
    const seal = (wire: unknown) =>
      sealer.sealBytes(JSON.stringify(wire), "sts-session-token").toString("base64");
    assertInvalid(seal({ k: "ASIA", s: "x" }));
    assertInvalid(seal([]));
    assertInvalid(seal(null));
    const good = JSON.parse(
      sealer
        .unsealBytes(Buffer.from(encodeSessionToken(USER_SESSION, sealer), "base64"), "sts-session-token")
        .toString(),
    );
    assertInvalid(seal({ ...good, ea: "1700043200" }));
    assertInvalid(seal({ ...good, t: "admin" }));
    assertInvalid(seal({ ...good, tg: { a: 1 } }));
  });

  it("is only valid with the access key id it was issued with", () => {
    const token = encodeSessionToken(USER_SESSION, sealer);
    assert.deepEqual(decodeSessionToken(token, sealer, USER_SESSION.accessKeyId), USER_SESSION);
    assert.throws(() => decodeSessionToken(token, sealer, ROLE_SESSION.accessKeyId), InvalidClientTokenId);
  });

  it("isExpired is exclusive of the expiry second", () => {
    assert.equal(isExpired(USER_SESSION, new Date(1_700_043_199_999)), false);
    assert.equal(isExpired(USER_SESSION, new Date(1_700_043_200_000)), true);
  });
});
