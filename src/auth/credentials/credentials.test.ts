// Access key ids and secrets have AWS's shapes and come from the randomness given.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { accountOfAccessKeyId, generateAccessKeyId } from "./generateAccessKeyId.ts";
import { generateSecretAccessKey } from "./generateSecretAccessKey.ts";

describe("credentials", () => {
  it("access key ids are 20 characters, AKIA or ASIA then base32", () => {
    assert.match(generateAccessKeyId("long-term"), /^AKIA[A-Z2-7]{16}$/);
    assert.match(generateAccessKeyId("temporary"), /^ASIA[A-Z2-7]{16}$/);
    assert.notEqual(generateAccessKeyId("long-term"), generateAccessKeyId("long-term"));
    assert.equal(
      generateAccessKeyId("long-term", (n) => Buffer.alloc(n, 0)),
      "AKIAAAAAAAAAAAAAAAAA",
    );
  });

  it("secret access keys are 40 characters of [A-Za-z0-9+/]", () => {
    for (let i = 0; i < 50; i++) assert.match(generateSecretAccessKey(), /^[A-Za-z0-9+/]{40}$/);
    assert.equal(
      generateSecretAccessKey((n) => Buffer.alloc(n, 0xff)),
      "/".repeat(40),
    );
  });
});

describe("access key ids carry their account", () => {
  it("round-trips any 12-digit account through a long-term and a temporary id", () => {
    for (const account of ["000000000000", "111122223333", "999999999999", "012345678901"]) {
      for (const kind of ["long-term", "temporary"] as const) {
        const id = generateAccessKeyId(kind, undefined, account);
        assert.match(id, /^(AKIA|ASIA)[A-Z2-7]{16}$/);
        assert.equal(accountOfAccessKeyId(id), account);
      }
    }
  });

  it("decodes a real AWS key id as the public write-up of the encoding does", () => {
    // The temporary key id that write-up uses as its example, and the account it gives for it.
    assert.equal(accountOfAccessKeyId("ASIAY34FZKBOKMUTVV7A"), "609629065308");
  });

  it("keeps the random bits random and refuses ids that are not well formed", () => {
    const a = generateAccessKeyId("long-term", undefined, "111122223333");
    const b = generateAccessKeyId("long-term", undefined, "111122223333");
    assert.notEqual(a, b);
    assert.equal(accountOfAccessKeyId("AKIAROOTROOTROOT0001"), undefined);
    assert.equal(accountOfAccessKeyId("AKIA123"), undefined);
  });
});
