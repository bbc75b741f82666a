// Secret access keys shaped like AWS's: 40 characters of [A-Za-z0-9+/].
// Pure: randomness is a parameter. Must not import anything but node:crypto and src/domain.

import { randomBytes } from "node:crypto";

/** 40 characters: the standard base64 of 30 random bytes (240 bits), which needs no padding. */
export function generateSecretAccessKey(random: (n: number) => Buffer = randomBytes): string {
  return random(30).toString("base64");
}
