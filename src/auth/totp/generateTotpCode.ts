// One-time codes per RFC 4226 (HOTP) and RFC 6238 (TOTP): HMAC-SHA-1, 30-second steps,
// 6 digits, as AWS virtual MFA devices and every authenticator app use them.
// Pure: the time is a parameter. Must not import anything but node:crypto and src/domain.

import { createHmac } from "node:crypto";

/** RFC 6238's time step X, in seconds; T0 is the Unix epoch. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;

/** The TOTP time step (counter) a timestamp in milliseconds falls in. */
export function totpStepAt(timestamp: number): number {
  return Math.floor(timestamp / 1000 / TOTP_PERIOD_SECONDS);
}

/** RFC 4226 section 5.3: HMAC-SHA-1 over the 8-byte big-endian counter, dynamic truncation, mod 10^digits. */
export function generateHotpCode(secret: Buffer, counter: number, digits: number = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  // Counters past 2^53 cannot occur for timestamps JavaScript can represent; writeBigUInt64BE
  // also rejects negative counters instead of wrapping them.
  message.writeBigUInt64BE(BigInt(counter));
  const hmac = createHmac("sha1", secret).update(message).digest();
  const offset = (hmac[hmac.length - 1] as number) & 0x0f;
  const binary = hmac.readUInt32BE(offset) & 0x7fffffff;
  return (binary % 10 ** digits).toString().padStart(digits, "0");
}

/** The code for the step `timestamp` (ms since the epoch) falls in. */
export function generateTotpCode(secret: Buffer, timestamp: number, digits: number = TOTP_DIGITS): string {
  return generateHotpCode(secret, totpStepAt(timestamp), digits);
}
