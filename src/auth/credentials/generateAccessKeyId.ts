// Access key ids shaped like AWS's: a 4-letter prefix that says what kind of key it is
// ("AKIA" long-term, "ASIA" temporary from STS) and 16 characters of base32 ([A-Z2-7]) that
// carry the owning account the way AWS's do (as publicly described: of the 80 bits after the
// prefix, bits 46..7 of the first 48 hold the account id), so any well-formed key id tells its
// account without a lookup — which is what sts:GetAccessKeyInfo answers. The other 40 bits are
// random. Pure: randomness is a parameter. Must not import anything but node:crypto and src/domain.

import { randomBytes } from "node:crypto";
import { decodeBase32, encodeBase32 } from "../totp/encodeBase32.ts";

export type AccessKeyKind = "long-term" | "temporary";

const ACCOUNT_MASK = 0x7fffffffff80n;
const WELL_FORMED = /^(AKIA|ASIA)[A-Z2-7]{16}$/;

/** 20 characters: "AKIA" or "ASIA" + 16 base32 characters; with `accountId`, it carries the account. */
export function generateAccessKeyId(
  kind: AccessKeyKind,
  random: (n: number) => Buffer = randomBytes,
  accountId?: string,
): string {
  const prefix = kind === "long-term" ? "AKIA" : "ASIA";
  // 10 bytes are exactly 16 base32 characters, with no padding to strip.
  const bytes = Buffer.from(random(10));
  if (accountId !== undefined) {
    const head = BigInt(`0x${bytes.subarray(0, 6).toString("hex")}`);
    const withAccount = (head & ~ACCOUNT_MASK) | ((BigInt(accountId) << 7n) & ACCOUNT_MASK);
    Buffer.from(withAccount.toString(16).padStart(12, "0"), "hex").copy(bytes, 0);
  }
  return prefix + encodeBase32(bytes);
}

/** The account a well-formed access key id carries, or undefined if the id is not well formed. */
export function accountOfAccessKeyId(accessKeyId: string): string | undefined {
  if (!WELL_FORMED.test(accessKeyId)) return undefined;
  const bytes = decodeBase32(accessKeyId.slice(4));
  if (!bytes || bytes.length < 6) return undefined;
  const head = BigInt(`0x${Buffer.from(bytes.subarray(0, 6)).toString("hex")}`);
  return ((head & ACCOUNT_MASK) >> 7n).toString().padStart(12, "0");
}
