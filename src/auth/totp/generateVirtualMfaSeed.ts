// The secret seed of a new virtual MFA device.
// Pure: randomness is a parameter. Must not import anything but node:crypto and src/domain.

import { randomBytes } from "node:crypto";

/**
 * 40 bytes (320 bits), following AWS: its Base32StringSeed is 64 base32 characters, which is
 * 40 bytes with no padding. That is twice RFC 4226's recommended 160 bits and still below
 * HMAC-SHA-1's 64-byte block, so the key is used as is, and every authenticator app that
 * accepts AWS's QR codes accepts ours.
 */
export const VIRTUAL_MFA_SEED_BYTES = 40;

export function generateVirtualMfaSeed(random: (n: number) => Buffer = randomBytes): Buffer {
  const seed = random(VIRTUAL_MFA_SEED_BYTES);
  if (seed.length !== VIRTUAL_MFA_SEED_BYTES) throw new Error("random() returned the wrong number of bytes");
  return seed;
}
