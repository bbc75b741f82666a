// AWS-style unique ids for IAM entities: a four-letter prefix naming the kind and 17 characters
// of upper-case letters and digits (AIDA… users, AROA… roles, AGPA… groups, ANPA… managed policies,
// AIPA… instance profiles).

import { randomBytes } from "node:crypto";

export type UniqueIdPrefix = "AIDA" | "AROA" | "AGPA" | "ANPA" | "ASCA" | "AIPA";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function generateUniqueId(
  prefix: UniqueIdPrefix,
  random: (n: number) => Buffer = randomBytes,
): string {
  const bytes = random(17);
  let out = prefix;
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}
