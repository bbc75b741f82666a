// One-time codes per RFC 4226 (HOTP) and RFC 6238 (TOTP): HMAC-SHA-1, 30-second steps,
// 6 digits, as AWS virtual MFA devices and every authenticator app use them.
// The HOTP algorithm is otpauth's; the step arithmetic and our window rules are ours.
// Pure: the time is a parameter. Must not import anything but node:crypto, otpauth and src/domain.

import { HOTP, Secret } from "otpauth";

/** RFC 6238's time step X, in seconds; T0 is the Unix epoch. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;

/** The TOTP time step (counter) a timestamp in milliseconds falls in. */
export function totpStepAt(timestamp: number): number {
  return Math.floor(timestamp / 1000 / TOTP_PERIOD_SECONDS);
}

/** RFC 4226: HMAC-SHA-1 over the 8-byte big-endian counter, dynamic truncation, mod 10^digits (otpauth). */
export function generateHotpCode(secret: Buffer, counter: number, digits: number = TOTP_DIGITS): string {
  // A negative or fractional counter is a programming error, never a step of a real clock.
  if (!Number.isSafeInteger(counter) || counter < 0)
    throw new RangeError(`HOTP counter ${counter} is not a step`);
  return HOTP.generate({
    secret: new Secret({ buffer: Uint8Array.from(secret).buffer }),
    algorithm: "SHA1",
    digits,
    counter,
  });
}

/** The code for the step `timestamp` (ms since the epoch) falls in. */
export function generateTotpCode(secret: Buffer, timestamp: number, digits: number = TOTP_DIGITS): string {
  return generateHotpCode(secret, totpStepAt(timestamp), digits);
}
