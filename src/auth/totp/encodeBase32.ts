// RFC 4648 base32 (alphabet A-Z2-7), the encoding authenticator apps expect for TOTP secrets
// and the one AWS returns as a virtual MFA device's Base32StringSeed.
// Pure. Must not import anything but node:crypto and src/domain.

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/**
 * Encodes with '=' padding to a multiple of 8 characters, as RFC 4648 section 6 specifies.
 * Seeds we generate (40 bytes, see generateVirtualMfaSeed) and access key ids (10 bytes) are
 * multiples of 5 bytes, so they never carry padding.
 */
export function encodeBase32(data: Buffer): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const byte of data) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    // Keep only the bits not yet emitted, so `value` never grows past 12 bits.
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += "=";
  return out;
}

/** Decodes RFC 4648 base32; case-insensitive, padding and spaces optional. Returns null on a bad character. */
export function decodeBase32(text: string): Buffer | null {
  const clean = text.replace(/[\s=]/g, "").toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) return null;
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}
