// RFC 4648 base32 (alphabet A-Z2-7), the encoding authenticator apps expect for TOTP secrets
// and the one AWS returns as a virtual MFA device's Base32StringSeed; otpauth's codec, with our
// two rules on top: '=' padding on output (RFC 4648 section 6), and null, not an exception, for
// text that is not base32.
// Pure. Must not import anything but node:crypto, otpauth and src/domain.

import { Secret } from "otpauth";

const BASE32_TEXT = /^[A-Z2-7]*$/;

/**
 * Encodes with '=' padding to a multiple of 8 characters. Seeds we generate (40 bytes, see
 * generateVirtualMfaSeed) and access key ids (10 bytes) are multiples of 5 bytes, so they never
 * carry padding.
 */
export function encodeBase32(data: Buffer): string {
  const text = new Secret({ buffer: Uint8Array.from(data).buffer }).base32;
  return text.padEnd(Math.ceil(text.length / 8) * 8, "=");
}

/** Decodes RFC 4648 base32; case-insensitive, padding and spaces optional. Returns null on a bad character. */
export function decodeBase32(text: string): Buffer | null {
  const clean = text.replace(/[\s=]/g, "").toUpperCase();
  if (!BASE32_TEXT.test(clean)) return null;
  return Buffer.from(Secret.fromBase32(clean).bytes);
}
