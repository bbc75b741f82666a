// Access key ids and secrets have AWS's shapes and come from the randomness given.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { generateAccessKeyId } from "./generateAccessKeyId.ts";
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
