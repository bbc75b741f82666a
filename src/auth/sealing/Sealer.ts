// Seals small secrets at rest (access-key secrets, MFA seeds, session keys) and inside
// self-contained session tokens, with AES-256-GCM under the server's master key.
// Pure: no fs, no env; the caller loads the key (see parseMasterKey) and may pass randomness.
// Must not import anything but node:crypto and src/domain.

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = 1;
const STRING_PREFIX = "v1.";
const KEY_BYTES = 32;
// GCM's standard nonce size: 96 bits is the only size used without an extra GHASH step, and
// a fresh random nonce per seal keeps the (key, nonce) pair unique with overwhelming odds.
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A sealed value that is malformed, was tampered with, or belongs to another key or context. */
export class SealBroken extends Error {
  constructor() {
    // One fixed message: saying *why* unsealing failed would help an attacker probe the format.
    super("Sealed value is malformed or was tampered with");
    this.name = "SealBroken";
  }
}

export class Sealer {
  readonly #key: Buffer;
  readonly #random: (n: number) => Buffer;

  constructor(masterKey: Buffer, random: (n: number) => Buffer = randomBytes) {
    if (masterKey.length !== KEY_BYTES) {
      throw new Error(`Master key must be ${KEY_BYTES} bytes, got ${masterKey.length}`);
    }
    // Own copy: a caller zeroing or reusing its buffer must not change (or expose) ours.
    this.#key = Buffer.from(masterKey);
    this.#random = random;
  }

  /**
   * A 32-byte key for one purpose (`context`), derived from the master key with HKDF-SHA256: the
   * same on every process that holds the master key, useless for any other purpose.
   */
  deriveKey(context: string): Buffer {
    return Buffer.from(
      hkdfSync("sha256", this.#key, Buffer.alloc(0), `portcullis:derived:${context}`, KEY_BYTES),
    );
  }

  /** Seals to a compact string: `v1.` + base64url(iv | tag | ciphertext). */
  seal(plaintext: Buffer | string, context: string): string {
    return STRING_PREFIX + this.sealBytes(plaintext, context).subarray(1).toString("base64url");
  }

  unseal(sealed: string, context: string): Buffer {
    if (!sealed.startsWith(STRING_PREFIX)) throw new SealBroken();
    const body = Buffer.from(sealed.slice(STRING_PREFIX.length), "base64url");
    return this.unsealBytes(Buffer.concat([Buffer.of(VERSION), body]), context);
  }

  /** Seals to bytes: version (1) | iv (12) | tag (16) | ciphertext. Used where a binary framing fits better. */
  sealBytes(plaintext: Buffer | string, context: string): Buffer {
    const iv = this.#random(IV_BYTES);
    if (iv.length !== IV_BYTES) throw new Error("random() returned the wrong number of bytes");
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv);
    // The context is authenticated, not encrypted: a value sealed as an MFA seed cannot be
    // replayed where an access-key secret or a session token is expected.
    cipher.setAAD(aad(context));
    const data = typeof plaintext === "string" ? Buffer.from(plaintext, "utf8") : plaintext;
    const ciphertext = Buffer.concat([cipher.update(data), cipher.final()]);
    return Buffer.concat([Buffer.of(VERSION), iv, cipher.getAuthTag(), ciphertext]);
  }

  unsealBytes(sealed: Buffer, context: string): Buffer {
    if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) throw new SealBroken();
    const iv = sealed.subarray(1, 1 + IV_BYTES);
    const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const ciphertext = sealed.subarray(1 + IV_BYTES + TAG_BYTES);
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.#key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad(context));
      decipher.setAuthTag(tag);
      // final() throws when the tag does not verify; nothing decrypted is returned before that.
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    } catch {
      throw new SealBroken();
    }
  }
}

// The format version is part of the authenticated data, so a future v2 blob can never be
// accepted as v1 (or the reverse) by a downgrade of the prefix alone.
function aad(context: string): Buffer {
  return Buffer.from(`portcullis-seal-v${VERSION}:${context}`, "utf8");
}

/**
 * Reads the master key as configured (environment variable or key file): 64 hex characters,
 * or base64/base64url of exactly 32 bytes. Surrounding whitespace (a trailing newline) is ignored.
 * The error never repeats the input: it may be a real key with a typo.
 */
export function parseMasterKey(text: string): Buffer {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, "hex");
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) {
    const decoded = Buffer.from(
      trimmed,
      trimmed.includes("-") || trimmed.includes("_") ? "base64url" : "base64",
    );
    // Node's base64 decoder skips bad input silently; the length check is what rejects it.
    if (decoded.length === KEY_BYTES) return decoded;
  }
  throw new Error(
    `Master key must be ${KEY_BYTES} bytes written as 64 hexadecimal characters or as base64 ` +
      `(got ${trimmed.length} characters that are neither)`,
  );
}
