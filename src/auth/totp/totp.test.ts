// TOTP per RFC 6238 / HOTP per RFC 4226 with their published vectors, the sign-in window,
// replay refusal, the two-consecutive-codes check, base32, the otpauth URI and the QR PNG.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as OTPAuth from "otpauth";
import { buildOtpauthUri } from "./buildOtpauthUri.ts";
import { decodeBase32, encodeBase32 } from "./encodeBase32.ts";
import { generateHotpCode, generateTotpCode, totpStepAt } from "./generateTotpCode.ts";
import { generateVirtualMfaSeed, VIRTUAL_MFA_SEED_BYTES } from "./generateVirtualMfaSeed.ts";
import { renderQrCodePng } from "./renderQrCodePng.ts";
import { verifyConsecutiveTotpCodes } from "./verifyConsecutiveTotpCodes.ts";
import { verifyTotpCode } from "./verifyTotpCode.ts";

const RFC_SECRET = Buffer.from("12345678901234567890", "ascii");

describe("generateTotpCode", () => {
  // RFC 6238 Appendix B, SHA-1 column (8 digits).
  const vectors: Array<[number, string]> = [
    [59, "94287082"],
    [1111111109, "07081804"],
    [1111111111, "14050471"],
    [1234567890, "89005924"],
    [2000000000, "69279037"],
    [20000000000, "65353130"],
  ];
  for (const [seconds, code] of vectors) {
    it(`RFC 6238 T=${seconds}: ${code} with 8 digits, its last 6 with the default`, () => {
      assert.equal(generateTotpCode(RFC_SECRET, seconds * 1000, 8), code);
      assert.equal(generateTotpCode(RFC_SECRET, seconds * 1000), code.slice(2));
    });
  }

  it("RFC 4226 Appendix D HOTP values", () => {
    const expected = [
      "755224",
      "287082",
      "359152",
      "969429",
      "338314",
      "254676",
      "287922",
      "162583",
      "399871",
      "520489",
    ];
    for (const [counter, code] of expected.entries())
      assert.equal(generateHotpCode(RFC_SECRET, counter), code);
  });

  it("agrees with the otpauth library on a 40-byte seed", () => {
    const seed = Buffer.from(
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021222324252627",
      "hex",
    );
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromHex(seed.toString("hex")) });
    for (const timestamp of [0, 1_700_000_000_000, 1_700_000_029_999, 1_700_000_030_000]) {
      assert.equal(generateTotpCode(seed, timestamp), totp.generate({ timestamp }));
    }
  });
});

describe("verifyTotpCode", () => {
  const now = 1_700_000_015_000;
  const t = totpStepAt(now);
  const codeAt = (step: number) => generateHotpCode(RFC_SECRET, step);

  it("accepts t-1, t and t+1 and returns the matched step", () => {
    for (const step of [t - 1, t, t + 1]) {
      assert.equal(verifyTotpCode({ secret: RFC_SECRET, code: codeAt(step), timestamp: now }), step);
    }
  });

  it("refuses t-2 and t+2", () => {
    for (const step of [t - 2, t + 2]) {
      assert.equal(verifyTotpCode({ secret: RFC_SECRET, code: codeAt(step), timestamp: now }), null);
    }
  });

  it("refuses a replayed code, and any step at or before lastUsedStep", () => {
    const code = codeAt(t);
    const used = verifyTotpCode({ secret: RFC_SECRET, code, timestamp: now });
    assert.equal(used, t);
    assert.equal(verifyTotpCode({ secret: RFC_SECRET, code, timestamp: now, lastUsedStep: t }), null);
    assert.equal(
      verifyTotpCode({ secret: RFC_SECRET, code: codeAt(t - 1), timestamp: now, lastUsedStep: t }),
      null,
    );
    assert.equal(
      verifyTotpCode({ secret: RFC_SECRET, code: codeAt(t + 1), timestamp: now, lastUsedStep: t }),
      t + 1,
    );
  });

  it("a code that is not exactly 6 ASCII digits is simply not a match", () => {
    const code = codeAt(t);
    for (const bad of [
      `${code} `,
      ` ${code}`,
      code.slice(0, 5),
      `${code}0`,
      "",
      "abcdef",
      "１２３４５６",
      `+${code.slice(1)}`,
    ]) {
      assert.equal(verifyTotpCode({ secret: RFC_SECRET, code: bad, timestamp: now }), null);
    }
  });

  it("window 0 accepts only the current step", () => {
    assert.equal(verifyTotpCode({ secret: RFC_SECRET, code: codeAt(t), timestamp: now, window: 0 }), t);
    assert.equal(
      verifyTotpCode({ secret: RFC_SECRET, code: codeAt(t + 1), timestamp: now, window: 0 }),
      null,
    );
  });

  it("a known device drift moves the window", () => {
    assert.equal(
      verifyTotpCode({ secret: RFC_SECRET, code: codeAt(t + 5), timestamp: now, driftSteps: 5 }),
      t + 5,
    );
    assert.equal(
      verifyTotpCode({ secret: RFC_SECRET, code: codeAt(t), timestamp: now, driftSteps: 5 }),
      null,
    );
  });
});

describe("verifyConsecutiveTotpCodes", () => {
  const now = 1_700_000_015_000;
  const t = totpStepAt(now);
  const codeAt = (step: number) => generateHotpCode(RFC_SECRET, step);
  const check = (code1: string, code2: string, lastUsedStep?: number) =>
    verifyConsecutiveTotpCodes({
      secret: RFC_SECRET,
      code1,
      code2,
      timestamp: now,
      ...(lastUsedStep !== undefined ? { lastUsedStep } : {}),
    });

  it("accepts codes at s and s+1 and returns s+1", () => {
    assert.equal(check(codeAt(t - 1), codeAt(t)), t);
    assert.equal(check(codeAt(t), codeAt(t + 1)), t + 1);
  });

  it("accepts a device drifted by up to 10 steps (5 minutes), not more", () => {
    assert.equal(check(codeAt(t + 9), codeAt(t + 10)), t + 10);
    assert.equal(check(codeAt(t - 11), codeAt(t - 10)), t - 10);
    assert.equal(check(codeAt(t + 10), codeAt(t + 11)), null);
    assert.equal(check(codeAt(t - 12), codeAt(t - 11)), null);
  });

  it("refuses the same code twice, non-consecutive codes, reversed order", () => {
    assert.equal(check(codeAt(t), codeAt(t)), null);
    assert.equal(check(codeAt(t - 1), codeAt(t + 1)), null);
    assert.equal(check(codeAt(t), codeAt(t - 1)), null);
  });

  it("refuses codes at or before lastUsedStep", () => {
    assert.equal(check(codeAt(t - 1), codeAt(t), t - 1), null);
    assert.equal(check(codeAt(t), codeAt(t + 1), t - 1), t + 1);
  });

  it("refuses malformed codes", () => {
    assert.equal(check(`${codeAt(t - 1)}0`, codeAt(t)), null);
    assert.equal(check(codeAt(t - 1), ""), null);
  });
});

describe("seeds, base32, otpauth URI, QR PNG", () => {
  it("base32 matches the RFC 4648 section 10 vectors and round-trips", () => {
    const vectors: Array<[string, string]> = [
      ["", ""],
      ["f", "MY======"],
      ["fo", "MZXQ===="],
      ["foo", "MZXW6==="],
      ["foob", "MZXW6YQ="],
      ["fooba", "MZXW6YTB"],
      ["foobar", "MZXW6YTBOI======"],
    ];
    for (const [plain, encoded] of vectors) {
      assert.equal(encodeBase32(Buffer.from(plain)), encoded);
      assert.equal(decodeBase32(encoded)?.toString(), plain);
    }
    assert.deepEqual(decodeBase32("mzxw6ytboi"), Buffer.from("foobar"));
    assert.equal(decodeBase32("MZ1"), null);
  });

  it("a virtual MFA seed is 40 random bytes, 64 base32 characters like AWS's Base32StringSeed", () => {
    const seed = generateVirtualMfaSeed();
    assert.equal(seed.length, VIRTUAL_MFA_SEED_BYTES);
    assert.match(encodeBase32(seed), /^[A-Z2-7]{64}$/);
    assert.notDeepEqual(generateVirtualMfaSeed(), seed);
    assert.deepEqual(
      generateVirtualMfaSeed((n) => Buffer.alloc(n, 7)),
      Buffer.alloc(40, 7),
    );
  });

  it("builds a Key URI that otpauth parses back to the same seed, issuer and account", () => {
    const seed = Buffer.alloc(40, 0xab);
    const uri = buildOtpauthUri({
      issuer: "Amazon Web Services",
      accountName: "phone@123456789012",
      secret: seed,
    });
    assert.equal(
      uri,
      `otpauth://totp/Amazon%20Web%20Services:phone%40123456789012?secret=${encodeBase32(seed)}&issuer=Amazon%20Web%20Services`,
    );
    const parsed = OTPAuth.URI.parse(uri);
    assert.ok(parsed instanceof OTPAuth.TOTP);
    assert.equal(parsed.issuer, "Amazon Web Services");
    assert.equal(parsed.label, "phone@123456789012");
    assert.equal(Buffer.from(parsed.secret.bytes).toString("hex"), seed.toString("hex"));
    assert.equal(
      parsed.generate({ timestamp: 1_700_000_000_000 }),
      generateTotpCode(seed, 1_700_000_000_000),
    );
  });

  it("a ':' in the account name cannot forge another issuer", () => {
    const uri = buildOtpauthUri({ issuer: "Portcullis", accountName: "Evil:x", secret: Buffer.alloc(20) });
    assert.ok(uri.startsWith("otpauth://totp/Portcullis:Evil%3Ax?"));
  });

  it("renders a real PNG", async () => {
    const png = await renderQrCodePng(
      buildOtpauthUri({ issuer: "Amazon Web Services", accountName: "a@b", secret: Buffer.alloc(40, 1) }),
    );
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(png.subarray(12, 16).toString("ascii"), "IHDR");
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    assert.ok(width > 0 && width === height, `square, got ${width}x${height}`);
  });
});
