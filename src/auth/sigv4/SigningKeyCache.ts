// A bounded cache of SigV4 signing keys, so a steady client costs one HMAC per request (the
// string-to-sign) instead of five. A signing key is valid for one access key, one day, one
// region and one service, which is exactly the cache key.
// Must not import anything but node:crypto and src/domain.

import { createHmac } from "node:crypto";

interface Entry {
  secret: string;
  key: Buffer;
}

export class SigningKeyCache {
  readonly #maxEntries: number;
  readonly #entries = new Map<string, Entry>();
  hits = 0;
  misses = 0;

  constructor(maxEntries = 10_000) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1)
      throw new Error("maxEntries must be a positive integer");
    this.#maxEntries = maxEntries;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The signing key for this scope, derived on a miss. */
  get(secretAccessKey: string, accessKeyId: string, date: string, region: string, service: string): Buffer {
    const id = `${accessKeyId}/${date}/${region}/${service}`;
    const entry = this.#entries.get(id);
    // The secret is part of the check, not only the key id: if the secret behind a key id ever
    // differs (a rotated or mis-attributed credential), a stale derived key must not verify.
    if (entry !== undefined && entry.secret === secretAccessKey) {
      this.hits++;
      return entry.key;
    }
    this.misses++;
    const key = deriveSigningKey(secretAccessKey, date, region, service);
    if (entry !== undefined) this.#entries.delete(id);
    else if (this.#entries.size >= this.#maxEntries) {
      // Evict the oldest insertion (Map keeps insertion order). Bounded memory matters more
      // than perfect recency: a client whose entry is evicted just pays four HMACs once.
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
    this.#entries.set(id, { secret: secretAccessKey, key });
    return key;
  }

  clear(): void {
    this.#entries.clear();
  }
}

/** SigV4 task 3: kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
export function deriveSigningKey(
  secretAccessKey: string,
  date: string,
  region: string,
  service: string,
): Buffer {
  const kDate = createHmac("sha256", `AWS4${secretAccessKey}`).update(date).digest();
  const kRegion = createHmac("sha256", kDate).update(region).digest();
  const kService = createHmac("sha256", kRegion).update(service).digest();
  return createHmac("sha256", kService).update("aws4_request").digest();
}
