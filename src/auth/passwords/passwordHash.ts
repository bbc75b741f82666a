// Password hashing for login profiles: scrypt from node:crypto (N=2^15, r=8, p=1, a 32-byte random
// salt, a 64-byte key), stored as the self-describing string `scrypt$N$r$p$salt$hash` (base64), so
// the parameters can be raised later without breaking stored hashes. Hashing runs on libuv's thread
// pool (the async `scrypt`), never on the event loop. Randomness is passed in.

import { scrypt, timingSafeEqual } from "node:crypto";

const N = 2 ** 15;
const R = 8;
const P = 1;
const SALT_BYTES = 32;
const KEY_BYTES = 64;

/** scrypt needs 128·N·r bytes; leave headroom above it for Node's own check. */
function maxmemFor(n: number, r: number): number {
  return 256 * n * r;
}

function derive(
  password: string,
  salt: Buffer,
  n: number,
  r: number,
  p: number,
  length: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, length, { N: n, r, p, maxmem: maxmemFor(n, r) }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, random: (n: number) => Buffer): Promise<string> {
  const salt = random(SALT_BYTES);
  const key = await derive(password, salt, N, R, P, KEY_BYTES);
  return ["scrypt", N, R, P, salt.toString("base64"), key.toString("base64")].join("$");
}

/** Whether `password` matches `stored`; compared in constant time. A malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, "base64");
  if (expected.length === 0) return false;
  const key = await derive(
    password,
    Buffer.from(salt, "base64"),
    Number(n),
    Number(r),
    Number(p),
    expected.length,
  );
  return timingSafeEqual(key, expected);
}
