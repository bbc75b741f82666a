// Sealer: round trip, and refusal of the wrong context, a tampered byte, another key; parseMasterKey.

import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { parseMasterKey, SealBroken, Sealer } from "./Sealer.ts";

const KEY = Buffer.alloc(32, 0x42);

describe("Sealer", () => {
  it("round-trips strings and bytes, with a fresh IV each time", () => {
    const sealer = new Sealer(KEY);
    const a = sealer.seal("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "access-key-secret");
    const b = sealer.seal("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "access-key-secret");
    assert.notEqual(a, b);
    assert.match(a, /^v1\.[A-Za-z0-9_-]+$/);
    assert.equal(
      sealer.unseal(a, "access-key-secret").toString(),
      "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    );
    const bytes = randomBytes(40);
    assert.deepEqual(sealer.unseal(sealer.seal(bytes, "mfa-seed"), "mfa-seed"), bytes);
    assert.deepEqual(sealer.unseal(sealer.seal("", "empty"), "empty"), Buffer.alloc(0));
  });

  it("refuses the wrong context", () => {
    const sealer = new Sealer(KEY);
    const sealed = sealer.seal(randomBytes(40), "mfa-seed");
    assert.throws(() => sealer.unseal(sealed, "access-key-secret"), SealBroken);
  });

  it("refuses any tampered byte, a truncation, a wrong prefix", () => {
    const sealer = new Sealer(KEY);
    const sealed = sealer.seal("secret", "ctx");
    const body = Buffer.from(sealed.slice(3), "base64url");
    for (let i = 0; i < body.length; i++) {
      const copy = Buffer.from(body);
      copy[i] = (copy[i] as number) ^ 1;
      assert.throws(() => sealer.unseal(`v1.${copy.toString("base64url")}`, "ctx"), SealBroken);
    }
    assert.throws(() => sealer.unseal(sealed.slice(0, -2), "ctx"), SealBroken);
    assert.throws(() => sealer.unseal(`v2.${sealed.slice(3)}`, "ctx"), SealBroken);
    assert.throws(() => sealer.unseal("", "ctx"), SealBroken);
    assert.throws(() => sealer.unsealBytes(Buffer.alloc(10), "ctx"), SealBroken);
  });

  it("refuses another key", () => {
    const sealed = new Sealer(KEY).seal("secret", "ctx");
    assert.throws(() => new Sealer(Buffer.alloc(32, 0x43)).unseal(sealed, "ctx"), SealBroken);
  });

  it("uses the randomness it is given (12-byte IV)", () => {
    const sealer = new Sealer(KEY, (n) => Buffer.alloc(n, 9));
    assert.equal(sealer.seal("x", "ctx"), sealer.seal("x", "ctx"));
    assert.deepEqual(sealer.sealBytes("x", "ctx").subarray(1, 13), Buffer.alloc(12, 9));
  });

  it("insists on a 32-byte key and keeps its own copy", () => {
    assert.throws(() => new Sealer(Buffer.alloc(16)), /32 bytes/);
    const key = Buffer.from(KEY);
    const sealer = new Sealer(key);
    const sealed = sealer.seal("secret", "ctx");
    key.fill(0);
    assert.equal(sealer.unseal(sealed, "ctx").toString(), "secret");
  });
});

describe("parseMasterKey", () => {
  it("accepts 64 hex characters and base64 / base64url of 32 bytes, ignoring surrounding whitespace", () => {
    const key = randomBytes(32);
    assert.deepEqual(parseMasterKey(key.toString("hex")), key);
    assert.deepEqual(parseMasterKey(`${key.toString("hex").toUpperCase()}\n`), key);
    assert.deepEqual(parseMasterKey(key.toString("base64")), key);
    assert.deepEqual(parseMasterKey(` ${key.toString("base64url")} `), key);
  });

  it("refuses anything else with a clear error that does not repeat the input", () => {
    for (const bad of [
      "",
      "abc",
      "0".repeat(63),
      randomBytes(31).toString("base64"),
      randomBytes(33).toString("hex"),
      "not a key at all!",
    ]) {
      assert.throws(
        () => parseMasterKey(bad),
        (err: unknown) =>
          err instanceof Error &&
          /Master key must be 32 bytes/.test(err.message) &&
          (bad.length < 4 || !err.message.includes(bad)),
      );
    }
  });
});
