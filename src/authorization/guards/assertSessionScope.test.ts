// What GetSessionToken's credentials may call: without MFA no IAM (InvalidClientTokenId) and of
// STS only AssumeRole and GetCallerIdentity; with MFA, and long-term keys, everything goes on to
// policy; role sessions are not restricted here.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CallerIdentity } from "../../domain/Principal.ts";
import { assertSessionScope } from "./assertSessionScope.ts";

const base = {
  accountId: "123456789012",
  arn: "arn:aws:iam::123456789012:user/alice",
  principalId: "AIDAEXAMPLE",
  userName: "alice",
  userId: "AIDAEXAMPLE",
};
const longTerm: CallerIdentity = {
  ...base,
  type: "IAMUser",
  credential: { kind: "long-term-key", accessKeyId: "AKIA" },
};
const plainSession: CallerIdentity = {
  ...base,
  type: "IAMUser",
  credential: { kind: "session", accessKeyId: "ASIA" },
};
const mfaSession: CallerIdentity = {
  ...base,
  type: "IAMUser",
  credential: { kind: "session", accessKeyId: "ASIA", mfaAuthenticatedAt: new Date() },
};
const rootSession: CallerIdentity = { ...plainSession, type: "Root" };
const roleSession: CallerIdentity = { ...plainSession, type: "AssumedRole" };

describe("assertSessionScope", () => {
  it("a session without MFA cannot call IAM: InvalidClientTokenId", () => {
    for (const caller of [plainSession, rootSession]) {
      assert.throws(() => assertSessionScope("iam", "ListUsers", caller), { code: "InvalidClientTokenId" });
    }
  });
  it("of STS only AssumeRole and GetCallerIdentity; the rest is AccessDenied naming the operation", () => {
    assertSessionScope("sts", "AssumeRole", plainSession);
    assertSessionScope("sts", "GetCallerIdentity", plainSession);
    assert.throws(() => assertSessionScope("sts", "GetSessionToken", plainSession), {
      code: "AccessDenied",
      message: "Cannot call GetSessionToken with session credentials",
    });
    assert.throws(() => assertSessionScope("sts", "GetAccessKeyInfo", plainSession), {
      code: "AccessDenied",
    });
  });
  it("MFA sessions, long-term keys and role sessions pass", () => {
    for (const caller of [mfaSession, longTerm, roleSession]) {
      assertSessionScope("iam", "EnableMFADevice", caller);
      assertSessionScope("sts", "GetAccessKeyInfo", caller);
    }
  });
});
