// Access key ids shaped like AWS's: a 4-letter prefix that says what kind of key it is
// ("AKIA" long-term, "ASIA" temporary from STS) and 16 characters of base32 ([A-Z2-7]).
// Pure: randomness is a parameter. Must not import anything but node:crypto and src/domain.

import { randomBytes } from "node:crypto";
import { encodeBase32 } from "../totp/encodeBase32.ts";

export type AccessKeyKind = "long-term" | "temporary";

/** 20 characters: "AKIA" or "ASIA" + 16 base32 characters (80 random bits, so collisions are not a concern). */
export function generateAccessKeyId(
  kind: AccessKeyKind,
  random: (n: number) => Buffer = randomBytes,
): string {
  const prefix = kind === "long-term" ? "AKIA" : "ASIA";
  // 10 bytes are exactly 16 base32 characters, with no padding to strip.
  return prefix + encodeBase32(random(10));
}
